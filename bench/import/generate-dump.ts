// Writes a synthetic Stack Exchange dump (same columns and shape as a real one) with a chosen
// number of votes, plain or gzipped, for `npm run bench -- import`: `generateDump(dir, { votes: 1_000_000 })`.
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';

export interface DumpSize {
  users: number;
  questions: number;
  answersPerQuestion: number;
  votes: number;
  commentsPerPost: number;
  /** Tables as `.xml.gz` (as dumps are often shipped). */
  gzip?: boolean;
}

/** A deterministic pseudo-random sequence (the same dump every run). */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return state / 2 ** 32;
  };
}

async function writeTable(
  dir: string,
  table: string,
  root: string,
  rows: Iterable<string>,
  gzip = false,
): Promise<number> {
  const file = createWriteStream(join(dir, `${table}.xml${gzip ? '.gz' : ''}`));
  const out = gzip ? createGzip() : file;
  if (gzip) out.pipe(file);
  out.write(`\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<${root}>\n`);
  let n = 0;
  for (const row of rows) {
    n += 1;
    if (!out.write(`  <row ${row} />\n`)) await once(out, 'drain');
  }
  out.end(`</${root}>\n`);
  await once(file, 'finish');
  return n;
}

const day = (base: number, offsetDays: number) => new Date(base + offsetDays * 86_400_000).toISOString().slice(0, 10);
const BASE = Date.parse('2015-01-01T00:00:00Z');

export async function generateDump(dir: string, size: DumpSize): Promise<Record<string, number>> {
  mkdirSync(dir, { recursive: true });
  const random = sequence(20261201);
  const pick = (n: number) => Math.floor(random() * n);
  const answers = size.questions * size.answersPerQuestion;
  const posts = size.questions + answers;
  // Ids: questions 1..Q, answers Q+1..Q+A (answer i belongs to question ((i - 1) % Q) + 1).
  const questionOf = (answerId: number) => ((answerId - size.questions - 1) % size.questions) + 1;
  const counts: Record<string, number> = {};
  counts.users = await writeTable(
    dir,
    'Users',
    'users',
    (function* () {
      for (let id = 1; id <= size.users; id++)
        yield `Id="${id}" Reputation="1" CreationDate="${day(BASE, -id % 300)}T10:00:00.000" DisplayName="User ${id}" UpVotes="0" DownVotes="0" Views="0" AccountId="${id}"`;
    })(),
    size.gzip,
  );
  counts.posts = await writeTable(
    dir,
    'Posts',
    'posts',
    (function* () {
      for (let id = 1; id <= posts; id++) {
        const owner = 1 + pick(size.users);
        const created = `${day(BASE, id % 365)}T12:00:00.000`;
        const body = `&lt;p&gt;Post ${id}: how do I configure the thing, and why does it &lt;em&gt;fail&lt;/em&gt;?&lt;/p&gt;`;
        if (id <= size.questions) {
          const accepted =
            size.answersPerQuestion > 0 && id % 3 === 0 ? ` AcceptedAnswerId="${size.questions + id}"` : '';
          yield `Id="${id}" PostTypeId="1"${accepted} CreationDate="${created}" Score="0" ViewCount="${pick(1000)}" Body="${body}" OwnerUserId="${owner}" LastActivityDate="${created}" Title="Question number ${id}" Tags="&lt;tag${id % 20}&gt;&lt;bench&gt;" AnswerCount="${size.answersPerQuestion}" CommentCount="${size.commentsPerPost}" ContentLicense="CC BY-SA 4.0"`;
        } else {
          yield `Id="${id}" PostTypeId="2" ParentId="${questionOf(id)}" CreationDate="${created}" Score="0" Body="${body}" OwnerUserId="${owner}" LastActivityDate="${created}" CommentCount="${size.commentsPerPost}" ContentLicense="CC BY-SA 4.0"`;
        }
      }
    })(),
    size.gzip,
  );
  counts.comments = await writeTable(
    dir,
    'Comments',
    'comments',
    (function* () {
      let id = 0;
      for (let post = 1; post <= posts; post++)
        for (let c = 0; c < size.commentsPerPost; c++)
          yield `Id="${++id}" PostId="${post}" Score="0" Text="Comment ${id} on post ${post}" CreationDate="${day(BASE, post % 365)}T13:00:00.000" UserId="${1 + pick(size.users)}" ContentLicense="CC BY-SA 4.0"`;
    })(),
    size.gzip,
  );
  counts.votes = await writeTable(
    dir,
    'Votes',
    'votes',
    (function* () {
      // Ordered by id and day, as in real dumps; ~8% downvotes, accepts for the accepted answers.
      let id = 0;
      let accepts = 0;
      for (let v = 0; v < size.votes; v++) {
        const date = `${day(BASE, Math.floor((v / size.votes) * 365))}T00:00:00.000`;
        const acceptFor = size.questions + 3 * (accepts + 1);
        if (v % 50 === 0 && size.answersPerQuestion > 0 && acceptFor <= 2 * size.questions) {
          accepts += 1;
          yield `Id="${++id}" PostId="${acceptFor}" VoteTypeId="1" CreationDate="${date}"`;
          continue;
        }
        yield `Id="${++id}" PostId="${1 + pick(posts)}" VoteTypeId="${random() < 0.08 ? 3 : 2}" CreationDate="${date}"`;
      }
    })(),
    size.gzip,
  );
  return counts;
}

if (process.argv[1]?.endsWith('generate-dump.ts')) {
  const [dir, votes] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write(
      'usage: node --import @swc-node/register/esm-register bench/import/generate-dump.ts <dir> [votes]\n',
    );
    process.exit(2);
  }
  const counts = await generateDump(dir, {
    users: 20_000,
    questions: 20_000,
    answersPerQuestion: 2,
    votes: Number(votes ?? 1_000_000),
    commentsPerPost: 1,
  });
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}
