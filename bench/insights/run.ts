// Latency of `boardInsights` (GraphQL over HTTP) over one year of buckets for a board with 10k
// posts and for one with 1M posts, in one run; prints the ratio 1M / 10k (goal <= 1.5: the
// figures are read from day buckets, one row per day, never from the posts). The buckets are made
// by folding synthetic facts through the same bucketWrites() the live recorder uses, merged in
// memory and bulk-upserted, since a million posts through the API would take hours.
import { BoardKind, BoardService, OperatorService } from '@helpboard/boards';
import { AuthService } from '@helpboard/identity';
import type { Types } from 'mongoose';
import { type BucketWrite, bucketWrites, mergeWrites } from '../../libs/insights/src/metrics/buckets.js';
import { InsightBucketRepository } from '../../libs/insights/src/metrics/insight-bucket.repository.js';
import { Duration, Metric } from '../../libs/insights/src/metrics/metrics.js';
import { createBenchAdmin } from '../support/bench-admin.js';
import { serveBenchApp, startBenchApp } from '../support/bench-app.js';

const REQUESTS = 200;
const TAGS = ['billing', 'roaming', 'outage', '5g', 'data-plan', 'router', 'sim', 'contract'];
const QUERIES = {
  DAY: 'DAY',
  MONTH: 'MONTH',
} as const;

const started = await startBenchApp();
const { app } = started;
await app.init();
const { record: adminRecord, actor: admin } = await createBenchAdmin(app);
const { accessToken } = await app.get(AuthService).startSession(adminRecord, { ip: '127.0.0.1' });

const now = Date.now();
const yearAgo = now - 365 * 86_400_000;

/** One post's facts as the recorder would count them: every fourth a question, then answers and a comment. */
function factsOf(i: number, boardId: Types.ObjectId, operatorId: Types.ObjectId): BucketWrite[] {
  // Golden-ratio steps spread the posts evenly over the year.
  const at = new Date(yearAgo + Math.floor(((i * 0.6180339887) % 1) * (now - yearAgo)));
  const where = { at, boardId, operatorId, tags: [TAGS[i % TAGS.length]] };
  const isNegative = i % 7 === 0;
  const scored = {
    [Metric.POSTS_SCORED]: 1,
    ...(isNegative ? { [Metric.NEGATIVE_POSTS]: 1 } : {}),
    ...(i % 11 === 0 ? { [Metric.URGENT_POSTS]: 1 } : {}),
  };
  switch (i % 4) {
    case 0:
      return [
        ...bucketWrites({ ...where, counts: { [Metric.QUESTIONS]: 1, ...scored } }),
        ...bucketWrites({
          ...where,
          counts: { [Metric.FIRST_ANSWERED]: 1, [i % 3 ? Metric.RESOLVED_BY_PEERS : Metric.RESOLVED_BY_STAFF]: 1 },
          durations: { [Duration.FIRST_ANSWER]: (i % 600) * 60_000, [Duration.RESOLUTION]: (i % 3000) * 60_000 },
        }),
      ];
    case 3:
      return bucketWrites({ ...where, counts: { [Metric.COMMENTS]: 1, ...scored } });
    default: {
      const isStaff = i % 5 === 0;
      return bucketWrites({
        ...where,
        counts: { [Metric.ANSWERS]: 1, ...(isStaff ? { [Metric.STAFF_ANSWERS]: 1 } : {}), ...scored },
      });
    }
  }
}

async function boardWithPosts(slug: string, posts: number) {
  const operator = await app.get(OperatorService).createOperator({ slug: `${slug}-operator`, name: slug });
  const board = await app.get(BoardService).createBoard(admin, {
    operatorSlug: operator.slug,
    slug,
    title: slug,
    kind: BoardKind.REGION,
  });
  const t0 = performance.now();
  // Fold in chunks so memory stays bounded by the number of buckets, not of posts.
  const merged = new Map<string, BucketWrite>();
  let buckets: BucketWrite[] = [];
  for (let from = 0; from < posts; from += 50_000) {
    const chunk: BucketWrite[] = [];
    for (let i = from; i < Math.min(posts, from + 50_000); i++) chunk.push(...factsOf(i, board._id, operator._id));
    buckets = mergeWrites(chunk, merged);
  }
  await app.get(InsightBucketRepository).add(buckets);
  process.stdout.write(
    `${slug}: ${posts.toLocaleString('en')} posts folded into ${buckets.length.toLocaleString('en')} buckets in ${(
      (performance.now() - t0) /
      1000
    ).toFixed(1)} s\n`,
  );
  return { board: board.slug, operator: operator.slug };
}

const small = await boardWithPosts('small-board', 10_000);
const large = await boardWithPosts('large-board', 1_000_000);
const url = await serveBenchApp(started);

async function p50(scope: string, granularity: string): Promise<number> {
  const query = JSON.stringify({
    query: `{ boardInsights(${scope}, from: "${new Date(yearAgo).toISOString()}", to: "${new Date(now).toISOString()}", granularity: ${granularity}) {
      totals { questions answers peerShare timeToFirstAnswer { median p90 } staff { answers } } series { start figures { questions } } } }`,
  });
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: query,
    });
    const body = (await response.json()) as { data?: { boardInsights: { totals: { questions: number } } } };
    if (!body.data?.boardInsights.totals.questions) throw new Error(`no figures: ${JSON.stringify(body)}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

for (const granularity of Object.values(QUERIES)) {
  for (const kind of ['boardSlug', 'operatorSlug'] as const) {
    const [a, b] = kind === 'boardSlug' ? [small.board, large.board] : [small.operator, large.operator];
    // Alternate the two sides so a slower moment of a busy machine hits both.
    const atSmall = await p50(`${kind}: "${a}"`, granularity);
    const atLarge = await p50(`${kind}: "${b}"`, granularity);
    process.stdout.write(
      `${kind === 'boardSlug' ? 'board   ' : 'operator'} ${granularity.padEnd(5)} p50 ${atSmall.toFixed(2)} ms at 10k posts, ${atLarge.toFixed(
        2,
      )} ms at 1M: ratio ${(atLarge / atSmall).toFixed(2)} (goal <= 1.5)\n`,
    );
  }
}
await app.close();
await started.engine.stop();
process.exit(0);
