// The mixed traffic of the load benchmark: each simulated client loops until the deadline, picking
// a thread page or a board's thread list (80%), a vote or an answer (15%) or a search (5%), over
// keep-alive HTTP to its instance. Half the clients read anonymously (the public query cache
// serves them), half signed in.
import { Agent, request } from 'node:http';
import type { LoadSeed } from './seed.js';

export interface TrafficResult {
  requests: number;
  seconds: number;
  latenciesMs: number[];
  /** Transport failures, timeouts, HTTP 5xx and INTERNAL_SERVER_ERROR: the run's goal is zero. */
  errors: number;
  /** Of the errors, requests unanswered after REQUEST_TIMEOUT_MS (the server was not done, not failing). */
  timeouts: number;
  /** Refusals by the API's rules (extensions.code), e.g. CONFLICT for a vote changed too late. */
  refusals: Record<string, number>;
  byKind: Record<string, number>;
  /** Latencies per kind of request, to see which part of the mix is slow. */
  latenciesByKind: Record<string, number[]>;
}

const THREAD = `query ($id: ID!) { thread(id: $id) { id title score answerCount viewCount author { user { handle } }
  question { bodyHtml score comments { bodyHtml } }
  answers(first: 20) { edges { node { id bodyHtml score isAccepted author { user { handle } isStaff } comments { bodyHtml } } } } } }`;
const BOARD = `query ($b: String!) { threads(boardSlug: $b, first: 20) { edges { node { id title score answerCount tags author { user { handle } } } } } }`;
const VOTE = `mutation ($p: ID!, $d: VoteDirection!) { vote(postId: $p, direction: $d) { id score } }`;
const ANSWER = `mutation ($t: ID!, $b: String!) { postAnswer(threadId: $t, body: $b) { id } }`;
const SEARCH = `query ($q: String!, $b: String) { search(query: $q, boardSlug: $b, first: 10) { edges { node { __typename } } } }`;
const REQUEST_TIMEOUT_MS = 30_000;
const WORDS = ['signal', 'roaming', 'esim', 'voicemail', 'billing', 'data plan'];

type Pick = { kind: string; query: string; variables: Record<string, unknown>; signedIn: boolean };

function pick(seed: LoadSeed, client: number, n: number, random: () => number, readsOnly: boolean): Pick {
  const user = client % seed.tokens.length;
  const roll = random() * (readsOnly ? 80 : 100);
  const readsSignedIn = client % 2 === 0;
  if (roll < 40)
    return {
      kind: 'thread',
      query: THREAD,
      variables: { id: seed.threads[n % seed.threads.length] },
      signedIn: readsSignedIn,
    };
  if (roll < 80)
    return {
      kind: 'board',
      query: BOARD,
      variables: { b: seed.boards[n % seed.boards.length] },
      signedIn: readsSignedIn,
    };
  if (roll < 92) {
    let answer = seed.answers[Math.floor(random() * seed.answers.length)];
    if (answer.author === user) answer = seed.answers[(seed.answers.indexOf(answer) + 1) % seed.answers.length];
    return {
      kind: 'vote',
      query: VOTE,
      variables: { p: answer.id, d: random() < 0.7 ? 'UP' : 'NONE' },
      signedIn: true,
    };
  }
  if (roll < 95) {
    const thread = seed.threads[Math.floor(random() * seed.threads.length)];
    return {
      kind: 'answer',
      query: ANSWER,
      variables: { t: thread, b: `Load answer from client ${client}, request ${n}: check the APN settings first.` },
      signedIn: true,
    };
  }
  return {
    kind: 'search',
    query: SEARCH,
    variables: { q: WORDS[n % WORDS.length], b: seed.boards[n % 2] },
    signedIn: false,
  };
}

function post(
  agent: Agent,
  url: URL,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // A request still unanswered after this counts as an error, so a run ends near its deadline.
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timed out')));
    req.end(body);
  });
}

/** A small deterministic generator per client, so runs pick the same mix. */
function generator(seed: number): () => number {
  let state = seed * 2654435761 + 1;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export async function runTraffic(
  seed: LoadSeed,
  urls: string[],
  clients: number,
  seconds: number,
  readsOnly = false,
): Promise<TrafficResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const result: TrafficResult = {
    requests: 0,
    seconds,
    latenciesMs: [],
    errors: 0,
    timeouts: 0,
    refusals: {},
    byKind: {},
    latenciesByKind: {},
  };
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const url = new URL(urls[client % urls.length]);
      const random = generator(client + 1);
      const headers: Record<string, string> = { 'x-forwarded-for': `10.${client >> 8}.${client & 255}.7` };
      for (let n = client; performance.now() < deadline; n += clients) {
        const op = pick(seed, client, n, random, readsOnly);
        const auth: Record<string, string> = op.signedIn
          ? { authorization: `Bearer ${seed.tokens[client % seed.tokens.length]}` }
          : {};
        const begin = performance.now();
        try {
          const response = await post(agent, url, JSON.stringify({ query: op.query, variables: op.variables }), {
            ...headers,
            ...auth,
          });
          result.latenciesMs.push(performance.now() - begin);
          result.byKind[op.kind] = (result.byKind[op.kind] ?? 0) + 1;
          (result.latenciesByKind[op.kind] ??= []).push(performance.now() - begin);
          const codes = (
            (JSON.parse(response.text) as { errors?: { extensions?: { code?: string } }[] }).errors ?? []
          ).map((e) => e.extensions?.code ?? 'UNKNOWN');
          if (response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) result.errors++;
          else for (const code of codes) result.refusals[code] = (result.refusals[code] ?? 0) + 1;
        } catch (error) {
          result.errors++;
          if ((error as Error).message === 'timed out') result.timeouts++;
        }
        result.requests++;
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
