// The one gate every GraphQL operation passes before it runs, over HTTP (inside Apollo's pipeline)
// and over WebSocket (graphql-ws's onSubscribe) alike: a parse bounded in tokens, GraphQL's
// validation plus our limit rules (depth with its introspection allowance, aliases, top-level
// fields), the operation's cost, and the anonymous per-address budget. A limit enforced on one
// transport only is no limit (issue #21): both transports call this class.
import {
  type DocumentNode,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import {
  type ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';
import { ErrorCode, translate } from '@helpboard/core';
import type { AnonymousCostBudget } from './anonymous-cost-budget.js';
import { depthLimitRule } from './depth-limit.rule.js';
import { presentsCredentials, type GraphQLContext } from './graphql-context.js';
import { selectionLimitRule } from './selection-limit.rule.js';

export const OPERATION_LIMITS = {
  /**
   * GraphQL's own validation grows faster than linearly with the document (2,400 aliased fields
   * took 1.4 s to validate); the parser stops at this many tokens, so no later step sees more.
   * The largest page query of the site and clients is about 500 tokens.
   */
  maxTokens: 4_000,
  /** Deep enough for a thread page with its answers, comments and author cards; no deeper. */
  maxDepth: 10,
  maxAliases: 30,
  maxRootFields: 20,
  /** Roughly a thread page with 100 answers and their comments; lists multiply by page size. */
  maxComplexity: 5_000,
  /** Every top-level field runs at least one query of its own, whatever it selects. */
  rootFieldCost: 10,
} as const;

/** Costs of recently seen (query, variables) pairs: clients repeat the same few operations. */
const COST_CACHE_SIZE = 1_000;
/** Only ordinary-sized operations are remembered, so the cache stays small (~10 MB at most). */
const MAX_CACHED_KEY_LENGTH = 10_000;
/**
 * No input type nests anywhere near this deep. Deeper variables are refused before anything
 * recurses over them: a body of a few kilobytes nested thousands deep overflowed the stack of
 * JSON.stringify below (found by tests/fuzz).
 */
export const MAX_VARIABLES_DEPTH = 32;

/** Whether `value` nests deeper than `max` arrays/objects; iterative, so any depth is safe to check. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

function badInput(reason: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BadUserInput, reason, ...extensions, http: { status: 400 } },
  });
}

/** Top-level fields cost `rootFieldCost` on top of what they declare (or select). */
function rootFieldEstimator(schema: GraphQLSchema): ComplexityEstimator {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  const declared = fieldExtensionsEstimator();
  return (args) => {
    if (!roots.has(args.type as never) || args.field.name === '__typename') return undefined;
    return OPERATION_LIMITS.rootFieldCost + (declared(args) ?? 1 + args.childComplexity);
  };
}

export interface OperationRequest {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export class OperationGate {
  /** For Apollo's `parseOptions`: the same bound the WebSocket path parses with. */
  readonly parseOptions = { maxTokens: OPERATION_LIMITS.maxTokens };
  /** Run after GraphQL's specified rules, on both transports. */
  readonly validationRules: ValidationRule[] = [
    depthLimitRule(OPERATION_LIMITS.maxDepth),
    selectionLimitRule(OPERATION_LIMITS.maxAliases, OPERATION_LIMITS.maxRootFields),
  ];
  private readonly costs = new Map<string, number>();

  constructor(private readonly budget: AnonymousCostBudget) {}

  /**
   * Parses, validates and checks the variables of a WebSocket operation as Apollo does an HTTP
   * one, with the same rules and the same error codes (GRAPHQL_PARSE_FAILED,
   * GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT).
   */
  prepare(schema: GraphQLSchema, request: OperationRequest): { document: DocumentNode } | { errors: GraphQLError[] } {
    let document: DocumentNode;
    try {
      document = parse(request.query ?? '', this.parseOptions);
    } catch (error) {
      const syntax = error instanceof GraphQLError ? error : new GraphQLError(String(error));
      return { errors: [withCode(syntax, 'GRAPHQL_PARSE_FAILED')] };
    }
    const errors = validate(schema, document, [...specifiedRules, ...this.validationRules]);
    if (errors.length > 0) return { errors: errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) };
    const operation = getOperationAST(document, request.operationName);
    if (!operation)
      return {
        errors: [
          new GraphQLError('Unable to identify the operation to run.', {
            extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
          }),
        ],
      };
    // Variables that do not fit their types are the client's mistake, as Apollo reports them.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (coerced.errors) return { errors: coerced.errors.map((error) => withCode(error, ErrorCode.BadUserInput)) };
    return { document };
  }

  /**
   * Prices a parsed, valid operation and lets it run only within the limits: at most
   * `maxComplexity` per operation, and for anonymous callers within their address's budget.
   * Throws the GraphQLError the client receives.
   */
  async admit(
    schema: GraphQLSchema,
    document: DocumentNode,
    request: OperationRequest,
    context: GraphQLContext,
  ): Promise<void> {
    const cost = this.costOf(schema, document, request);
    if (cost === undefined) return; // variables that do not coerce: execution reports them (BAD_USER_INPUT)
    if (cost > OPERATION_LIMITS.maxComplexity) {
      throw badInput(
        'QUERY_TOO_COMPLEX',
        translate('QUERY_TOO_COMPLEX', 'en', { cost, max: OPERATION_LIMITS.maxComplexity }),
        { cost, maxComplexity: OPERATION_LIMITS.maxComplexity },
      );
    }
    if (presentsCredentials(context)) return;
    const decision = await this.budget.spend(context.clientAddress, cost);
    if (decision.isWithinBudget) return;
    const seconds = decision.retryAfterSeconds;
    throw new GraphQLError(translate('QUERY_BUDGET_EXHAUSTED', 'en', { max: this.budget.costPerMinute, seconds }), {
      extensions: {
        code: ErrorCode.RateLimited,
        reason: 'QUERY_BUDGET_EXHAUSTED',
        retryAfterSeconds: seconds,
        http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) },
      },
    });
  }

  private costOf(schema: GraphQLSchema, document: DocumentNode, request: OperationRequest): number | undefined {
    const variables = request.variables ?? {};
    // The variables object itself is level 0; its values start at level 1.
    if (nestsDeeperThan(variables, MAX_VARIABLES_DEPTH + 1))
      throw badInput('VARIABLES_TOO_DEEP', translate('VARIABLES_TOO_DEEP', 'en', { max: MAX_VARIABLES_DEPTH }));
    const cacheKey = `${request.operationName ?? ''}\u0000${request.query ?? ''}\u0000${JSON.stringify(variables)}`;
    const cached = this.costs.get(cacheKey);
    if (cached !== undefined) return cached;
    let cost: number;
    try {
      cost = getComplexity({
        schema,
        operationName: request.operationName ?? undefined,
        query: document,
        variables,
        estimators: [rootFieldEstimator(schema), fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
      });
    } catch {
      return undefined;
    }
    if (cacheKey.length <= MAX_CACHED_KEY_LENGTH) {
      if (this.costs.size >= COST_CACHE_SIZE) this.costs.delete(this.costs.keys().next().value!);
      this.costs.set(cacheKey, cost);
    }
    return cost;
  }
}

/** The error as Apollo reports it over HTTP: the phase's code, our reason and details kept. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}
