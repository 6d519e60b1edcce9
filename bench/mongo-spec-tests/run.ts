// `MONGO_SPEC_DIR=<specifications>/source npm run bench -- mongo-spec-tests`: runs MongoDB's
// published unified-format CRUD and transactions spec tests (a local copy, never committed: their
// licence is non-commercial) with the official Node.js driver against a fresh embedded engine
// (fail points enabled), or against MONGO_SPEC_URI, and prints pass rates. Only tests whose
// requirements a 7.0 single-node replica set meets count; tests using features this runner does
// not implement are reported as skipped, apart from passes and failures.
import { type Document, EJSON } from 'bson';
import { MongoClient, MongoServerError } from 'mongodb';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedMongo } from '../../libs/mongo-embedded/src/index.js';
import { Entities } from './entities.js';
import { assertMatches, UnsupportedError } from './matcher.js';
import { type Operation, runOperation, type RunContext } from './operations.js';

/** Suites to run (MONGO_SPEC_SUITES, comma-separated, overrides): CRUD and transactions by default. */
const SUITES = (process.env.MONGO_SPEC_SUITES ?? 'crud,transactions').split(',');
const TEST_TIMEOUT_MS = 30_000;

interface Outcome {
  suite: string;
  file: string;
  test: string;
  result: 'pass' | 'fail' | 'skip';
  reason?: string;
  /** The driver's own wtimeout on commit/abort was set aside to match (see setAsideDriverWtimeout). */
  driverWtimeout?: boolean;
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Whether a 7.0 (or the target's version) single-node replica set without auth meets one of them. */
function isApplicable(requirements: Document[] | undefined, version: string): boolean {
  if (!requirements || requirements.length === 0) return true;
  return requirements.some(
    (r) =>
      (!r.minServerVersion || compareVersions(version, r.minServerVersion as string) >= 0) &&
      (!r.maxServerVersion || compareVersions(version, r.maxServerVersion as string) <= 0) &&
      (!r.topologies || (r.topologies as string[]).includes('replicaset')) &&
      r.serverless !== 'require' &&
      !r.auth &&
      !r.csfle &&
      !r.serverParameters,
  );
}

function checkError(expected: Document, error: unknown, entities: Entities): void {
  if (expected.isTimeoutError !== undefined) throw new UnsupportedError('isTimeoutError');
  const server = error instanceof MongoServerError ? error : undefined;
  const e = error as {
    code?: number;
    codeName?: string;
    message?: string;
    hasErrorLabel?(l: string): boolean;
    result?: unknown;
  };
  if (expected.isClientError === true && server) throw new Error(`expected a client error, got ${server.message}`);
  if (expected.isClientError === false && !server) throw new Error(`expected a server error, got ${e.message}`);
  if (expected.errorCode !== undefined && Number(e.code) !== Number(expected.errorCode))
    throw new Error(`error code ${e.code} ≠ ${expected.errorCode}`);
  if (expected.errorCodeName !== undefined && e.codeName !== expected.errorCodeName)
    throw new Error(`codeName ${e.codeName} ≠ ${expected.errorCodeName}`);
  if (
    expected.errorContains !== undefined &&
    !String(e.message).toLowerCase().includes(String(expected.errorContains).toLowerCase())
  )
    throw new Error(`message "${e.message}" lacks "${expected.errorContains}"`);
  for (const label of (expected.errorLabelsContain as string[]) ?? [])
    if (!e.hasErrorLabel?.(label)) throw new Error(`missing label ${label} (${e.message})`);
  for (const label of (expected.errorLabelsOmit as string[]) ?? [])
    if (e.hasErrorLabel?.(label)) throw new Error(`unexpected label ${label}`);
  if (expected.expectResult !== undefined) assertMatches(expected.expectResult, e.result, entities.get);
  if (expected.errorResponse !== undefined)
    assertMatches(expected.errorResponse, (error as { errorResponse?: Document }).errorResponse, entities.get);
}

async function execute(operation: Operation, context: RunContext): Promise<void> {
  let result: unknown;
  let error: unknown;
  try {
    result = await runOperation(operation, context);
  } catch (caught) {
    if (caught instanceof UnsupportedError) throw caught;
    error = caught;
  }
  if (operation.ignoreResultAndError) return;
  if (operation.expectError) {
    if (error === undefined) throw new Error(`${operation.name}: expected an error`);
    checkError(operation.expectError, error, context.entities);
    return;
  }
  if (error !== undefined) throw error;
  if (operation.expectResult !== undefined) assertMatches(operation.expectResult, result, context.entities.get);
  if (operation.saveResultAsEntity) context.entities.values.set(operation.saveResultAsEntity, result);
}

/** The write concern timeout the Node.js driver (7.x) adds to commit/abort on its own (sessions.js). */
const DRIVER_WTIMEOUT_MS = 10_000;

/**
 * Sets aside the `wtimeout: 10000` the driver adds to commitTransaction/abortTransaction whenever
 * a write concern applies (whatever the server: a real mongod sees the same command), where the
 * expectation leaves wtimeout out. Returns whether it did. The Node.js driver's own runner lets
 * it through by not checking extra fields in nested documents; this runner keeps that check.
 */
function setAsideDriverWtimeout(command: Document, expected: Document | undefined): boolean {
  const isEndOfTransaction = 'commitTransaction' in command || 'abortTransaction' in command;
  const writeConcern = command.writeConcern as Document | undefined;
  const expectedConcern = expected?.writeConcern as Document | undefined;
  if (!isEndOfTransaction || Number(writeConcern?.wtimeout) !== DRIVER_WTIMEOUT_MS) return false;
  if (!expectedConcern || typeof expectedConcern !== 'object' || 'wtimeout' in expectedConcern) return false;
  if (Object.keys(expectedConcern).some((key) => key.startsWith('$$'))) return false;
  delete writeConcern!.wtimeout;
  return true;
}

function checkEvents(expectations: Document[], entities: Entities, onDriverWtimeout: () => void): void {
  for (const expectation of expectations) {
    if (expectation.eventType && expectation.eventType !== 'command') throw new UnsupportedError('event type');
    const actual = entities.clients.get(expectation.client as string)!.events;
    const expected = expectation.events as Document[];
    const isCountOk = expectation.ignoreExtraEvents
      ? actual.length >= expected.length
      : actual.length === expected.length;
    if (!isCountOk)
      throw new Error(
        `events: ${actual.length} (${actual.map((a) => a.event.commandName).join(',')}) vs ${expected.length} expected`,
      );
    expected.forEach((wanted, i) => {
      const [kind, spec] = Object.entries(wanted)[0] as [string, Document];
      const { event } = actual[i];
      if (actual[i].kind !== kind) throw new Error(`event ${i}: ${actual[i].kind} ≠ ${kind}`);
      if (spec.commandName !== undefined && event.commandName !== spec.commandName)
        throw new Error(`event ${i}: ${event.commandName} ≠ ${spec.commandName}`);
      if (spec.databaseName !== undefined && (event as { databaseName?: string }).databaseName !== spec.databaseName)
        throw new Error(`event ${i}: database`);
      if (
        kind === 'commandStartedEvent' &&
        setAsideDriverWtimeout((event as { command: Document }).command, spec.command)
      )
        onDriverWtimeout();
      if (spec.command !== undefined)
        assertMatches(spec.command, (event as { command: Document }).command, entities.get, `event ${i}`);
      if (spec.reply !== undefined)
        assertMatches(spec.reply, (event as { reply: Document }).reply, entities.get, `event ${i} reply`);
    });
  }
}

async function prepare(runner: MongoClient, file: Document): Promise<void> {
  await runner
    .db('admin')
    .command({ killAllSessions: [] })
    .catch(() => undefined);
  for (const data of (file.initialData as Document[]) ?? []) {
    const db = runner.db(data.databaseName as string);
    await db.dropCollection(data.collectionName as string, { writeConcern: { w: 'majority' } }).catch(() => undefined);
    await db.createCollection(data.collectionName as string, {
      ...(data.createOptions ?? {}),
      writeConcern: { w: 'majority' },
    });
    const documents = data.documents as Document[];
    if (documents.length > 0)
      await db.collection(data.collectionName as string).insertMany(documents, { writeConcern: { w: 'majority' } });
  }
}

async function runTest(
  runner: MongoClient,
  uri: string,
  isSingleMember: boolean,
  file: Document,
  test: Document,
  onDriverWtimeout: () => void,
): Promise<void> {
  await prepare(runner, file);
  const entities = new Entities(uri, isSingleMember);
  const context: RunContext = {
    entities,
    failPoints: [],
    runnerClient: runner,
    runNested: (operation) => execute(operation, context),
  };
  try {
    await entities.create((file.createEntities as Document[]) ?? []);
    for (const operation of test.operations as Operation[]) await execute(operation, context);
    if (test.expectEvents) checkEvents(test.expectEvents as Document[], entities, onDriverWtimeout);
    for (const expected of (test.outcome as Document[]) ?? []) {
      const actual = await runner
        .db(expected.databaseName as string)
        .collection(expected.collectionName as string)
        .find({}, { sort: { _id: 1 } })
        .toArray();
      assertMatches(expected.documents, actual, entities.get, `outcome ${expected.collectionName}`, false);
    }
  } finally {
    for (const { client, name } of context.failPoints)
      await client
        .db('admin')
        .command({ configureFailPoint: name, mode: 'off' })
        .catch(() => undefined);
    await entities.close();
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), TEST_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  const specDir = process.env.MONGO_SPEC_DIR;
  if (!specDir) {
    process.stderr.write('set MONGO_SPEC_DIR to a local copy of github.com/mongodb/specifications/source\n');
    process.exit(2);
  }
  const only = process.env.MONGO_SPEC_ONLY;
  const engine = process.env.MONGO_SPEC_URI ? undefined : await startEmbeddedMongo({ enableTestCommands: true });
  const uri = process.env.MONGO_SPEC_URI ?? engine!.uri;
  const runner = await MongoClient.connect(uri);
  const version = ((await runner.db('admin').command({ buildInfo: 1 })).version as string) ?? '7.0.0';
  const hello = await runner.db('admin').command({ hello: 1 });
  const isSingleMember = ((hello.hosts as string[] | undefined)?.length ?? 1) <= 1;
  const outcomes: Outcome[] = [];
  for (const suite of SUITES) {
    // Most suites keep their unified tests in tests/unified; some (sessions, causal-consistency) in tests.
    const unified = join(specDir, suite, 'tests', 'unified');
    const dir = existsSync(unified) ? unified : join(specDir, suite, 'tests');
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      if (only && !name.includes(only)) continue;
      // Relaxed: numbers as JS numbers, which the driver's options (limit, batchSize…) expect.
      const file = EJSON.parse(readFileSync(join(dir, name), 'utf8'), { relaxed: true }) as Document;
      if (!isApplicable(file.runOnRequirements as Document[], version)) continue;
      for (const test of file.tests as Document[]) {
        if (!isApplicable(test.runOnRequirements as Document[], version)) continue;
        const outcome: Outcome = { suite, file: name, test: test.description as string, result: 'pass' };
        if (test.skipReason) Object.assign(outcome, { result: 'skip', reason: `skipReason: ${test.skipReason}` });
        else {
          try {
            await withTimeout(runTest(runner, uri, isSingleMember, file, test, () => (outcome.driverWtimeout = true)));
          } catch (error) {
            outcome.result = error instanceof UnsupportedError ? 'skip' : 'fail';
            outcome.reason = error instanceof Error ? error.message : String(error);
          }
        }
        outcomes.push(outcome);
        if (process.env.MONGO_SPEC_VERBOSE && outcome.result !== 'pass')
          process.stdout.write(
            `${outcome.result.toUpperCase()} ${suite}/${name}: ${outcome.test} — ${outcome.reason}\n`,
          );
      }
    }
  }
  await runner.close();
  await engine?.stop();
  process.stdout.write(`server ${version} at ${uri}\n`);
  for (const suite of SUITES) {
    const mine = outcomes.filter((o) => o.suite === suite);
    const count = (result: Outcome['result']) => mine.filter((o) => o.result === result).length;
    const ran = count('pass') + count('fail');
    const rate = ran ? ((100 * count('pass')) / ran).toFixed(1) : '-';
    const setAside = mine.filter((o) => o.result === 'pass' && o.driverWtimeout).length;
    process.stdout.write(
      `${suite}: ${count('pass')}/${ran} passed (${rate}%), ${count('skip')} skipped (runner lacks the feature, the test says skip or needs a secondary); ${setAside} of the passes had the driver's commit/abort wtimeout set aside\n`,
    );
  }
}

await main();
