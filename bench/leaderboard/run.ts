// Latency of the `leaderboard` query (GraphQL over HTTP) for each period with a ledger of 100k
// events, then of 1M events (same 1,000 users, same board, spread over this year), in one run;
// prints the ratio 1M / 100k per period (goal <= 1.5: leaderboards read their projections, never
// the ledger). The ledger is written in bulk, and its projections rebuilt from it with the same
// verifier as `reputation verify --fix`, since a million votes through the API would take hours.
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { BoardKind, BoardService, OperatorService } from '@helpboard/boards';
import { AuthService } from '@helpboard/identity';
import { ReputationVerifier } from '@helpboard/reputation';
import { createBenchAdmin } from '../support/bench-admin.js';
import { serveBenchApp, startBenchApp } from '../support/bench-app.js';

const USERS = 1_000;
const REQUESTS = 200;
const PERIODS = ['WEEK', 'MONTH', 'YEAR', 'ALL'] as const;

const started = await startBenchApp();
const { app } = started;
await app.init();
const auth = app.get(AuthService);
const { actor: admin } = await createBenchAdmin(app);
const operator = await app.get(OperatorService).createOperator({ slug: 'bench-operator', name: 'Bench Operator' });
const board = await app.get(BoardService).createBoard(admin, {
  operatorSlug: 'bench-operator',
  slug: 'bench-board',
  title: 'Bench board',
  kind: BoardKind.REGION,
});
const userIds: Types.ObjectId[] = [];
for (let i = 0; i < USERS; i++) {
  userIds.push(
    (
      await auth.createAccount({
        email: `u${i}@bench.test`,
        handle: `bench-user-${i}`,
        password: 'benchmark passphrase 2026',
      })
    )._id,
  );
}

const ledger = app.get<Connection>(getConnectionToken()).collection('reputation_ledger');
const now = Date.now();
const yearStart = Date.UTC(new Date(now).getUTCFullYear(), 0, 1);
let written = 0;
async function growLedgerTo(events: number) {
  const batch = 5_000;
  while (written < events) {
    const docs = Array.from({ length: Math.min(batch, events - written) }, (_, i) => {
      // Golden-ratio steps spread the events evenly over the year so far.
      const at = new Date(yearStart + Math.floor((((written + i) * 0.6180339887) % 1) * (now - yearStart)));
      return {
        userId: userIds[(written + i) % USERS],
        boardId: board._id,
        operatorId: operator._id,
        kind: 'ANSWER_UPVOTED',
        delta: 10,
        requested: 10,
        source: `vote:bench:${written + i}`,
        postId: null,
        actorId: userIds[(written + i + 1) % USERS],
        cause: null,
        day: at.toISOString().slice(0, 10),
        at,
      };
    });
    await ledger.insertMany(docs);
    written += docs.length;
  }
  const { fixed } = await app.get(ReputationVerifier).verify({ fix: true });
  process.stdout.write(
    `ledger ${events.toLocaleString('en')} events, ${fixed.toLocaleString('en')} projection rows rebuilt\n`,
  );
}

const url = await serveBenchApp(started);
async function latencies(): Promise<Record<(typeof PERIODS)[number], number>> {
  const result = {} as Record<(typeof PERIODS)[number], number>;
  for (const period of PERIODS) {
    const query = JSON.stringify({
      query: `{ leaderboard(boardSlug: "bench-board", period: ${period}, first: 20) { rank reputation user { handle } } }`,
    });
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: query,
      });
      const body = (await response.json()) as { data?: { leaderboard: unknown[] } };
      if (!body.data?.leaderboard.length) throw new Error(`empty leaderboard for ${period}`);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    result[period] = times[Math.floor(times.length / 2)];
  }
  return result;
}

await growLedgerTo(100_000);
const small = await latencies();
process.stdout.write(`p50 at 100k: ${PERIODS.map((p) => `${p} ${small[p].toFixed(2)} ms`).join(', ')}\n`);
await growLedgerTo(1_000_000);
const large = await latencies();
for (const period of PERIODS) {
  process.stdout.write(
    `${period.padEnd(6)} p50 ${small[period].toFixed(2)} ms at 100k, ${large[period].toFixed(2)} ms at 1M: ratio ${(
      large[period] / small[period]
    ).toFixed(2)} (goal <= 1.5)\n`,
  );
}
await app.close();
await started.engine.stop();
process.exit(0);
