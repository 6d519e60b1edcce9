// Small dumps written by the test: bad input reported with file and line, .gz tables, bounties
// and the daily reputation cap counted per day of the votes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RowProblem } from '../src/index.js';
import { type ImportContext, startImportContext } from './import-context.js';

function table(root: string, rows: string[]): string {
  return `\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<${root}>\n${rows.map((r) => `  ${r}\n`).join('')}</${root}>\n`;
}

const users = [
  '<row Id="1" CreationDate="2020-01-01T00:00:00.000" DisplayName="Asker" />',
  '<row Id="2" CreationDate="2020-01-02T00:00:00.000" DisplayName="Answerer" />',
  '<row Id="3" CreationDate="2020-01-03T00:00:00.000" DisplayName="Broken & unescaped" />',
  '<row Id="4" CreationDate="2020-01-04T00:00:00" DisplayName="Stéphane Gimenez" />',
];
const posts = [
  '<row Id="10" PostTypeId="1" AcceptedAnswerId="11" CreationDate="2020-02-01T10:00:00.000" Score="0" Body="&lt;p&gt;Why?&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;" OwnerUserId="1" Title="A question" Tags="|one|two|" />',
  '<row Id="11" PostTypeId="2" ParentId="10" CreationDate="2020-02-01T11:00:00.000" Score="0" Body="&lt;p&gt;Because.&lt;/p&gt;" OwnerUserId="2" />',
  '<row Id="12" PostTypeId="2" ParentId="999" CreationDate="2020-02-01T12:00:00.000" Score="0" Body="&lt;p&gt;Orphan&lt;/p&gt;" OwnerUserId="2" />',
  '<row Id="13" PostTypeId="2" ParentId="10" CreationDate="not a date" Body="x" OwnerUserId="2" />',
  '<row Id="14" PostTypeId="2" ParentId="10" CreationDate="2020-02-02T12:00:00.000" Body="&lt;p&gt;By a deleted user&lt;/p&gt;" OwnerDisplayName="gone" />',
  '<row Id="15" PostTypeId="1" CreationDate="2020-01-31T10:00:00.000" Score="0" Body="&lt;p&gt;First asked&lt;/p&gt;" OwnerUserId="1" Title="The original" Tags="|one|" />',
];
/** Question 10 is a duplicate of 15 (applied), and has a second, broken duplicate link. */
const postLinks = [
  '<row Id="1" CreationDate="2020-02-02T00:00:00.000" PostId="10" RelatedPostId="15" LinkTypeId="3" />',
  '<row Id="2" CreationDate="2020-02-02T00:00:00.000" PostId="10" RelatedPostId="777" LinkTypeId="3" />',
];

/**
 * 25 upvotes on one day (+250 asked, capped at 200), then a downvote and an upvote that day (the
 * downvote lowers the counted 200 to 198, so the upvote earns 2); 3 upvotes the next day; an
 * accept; a bounty of 50 started and awarded; an upvote on a deleted user's answer.
 */
function votes(): string[] {
  const rows: string[] = [];
  let id = 0;
  for (let i = 0; i < 25; i++)
    rows.push(`<row Id="${++id}" PostId="11" VoteTypeId="2" CreationDate="2020-02-03T00:00:00.000" />`);
  rows.push(`<row Id="${++id}" PostId="11" VoteTypeId="3" CreationDate="2020-02-03T00:00:00.000" />`);
  rows.push(`<row Id="${++id}" PostId="11" VoteTypeId="2" CreationDate="2020-02-03T00:00:00.000" />`);
  for (let i = 0; i < 3; i++)
    rows.push(`<row Id="${++id}" PostId="11" VoteTypeId="2" CreationDate="2020-02-04T00:00:00.000" />`);
  rows.push(`<row Id="${++id}" PostId="11" VoteTypeId="1" CreationDate="2020-02-04T00:00:00.000" />`);
  rows.push(
    `<row Id="${++id}" PostId="10" VoteTypeId="8" UserId="1" BountyAmount="50" CreationDate="2020-02-05T00:00:00.000" />`,
  );
  rows.push(`<row Id="${++id}" PostId="11" VoteTypeId="9" BountyAmount="50" CreationDate="2020-02-06T00:00:00.000" />`);
  rows.push(`<row Id="${++id}" PostId="4242" VoteTypeId="2" CreationDate="2020-02-06T00:00:00.000" />`);
  rows.push(`<row Id="${++id}" PostId="10" VoteTypeId="3" CreationDate="2020-02-07T00:00:00.000" />`);
  rows.push(`<row Id="${++id}" PostId="14" VoteTypeId="2" CreationDate="2020-02-07T00:00:00.000" />`);
  return rows;
}

describe('importing small dumps', () => {
  let t: ImportContext;
  let dir: string;
  let problems: RowProblem[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'se-dump-'));
    writeFileSync(join(dir, 'Users.xml'), table('users', users));
    writeFileSync(join(dir, 'Posts.xml'), table('posts', posts));
    writeFileSync(join(dir, 'PostLinks.xml'), table('postlinks', postLinks));
    writeFileSync(join(dir, 'Votes.xml.gz'), gzipSync(table('votes', votes())));
    t = await startImportContext();
    problems = [];
    await t.importer.import({
      dir,
      operatorSlug: 'small-op',
      boardSlug: 'small-board',
      site: 'small',
      onProblem: (p) => problems.push(p),
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const user = (id: number) => t.db.collection('users').findOne({ 'origin.site': 'small', 'origin.id': id });
  const totalOf = async (id: number) =>
    (await t.db.collection('reputation_totals').findOne({ userId: (await user(id))!._id, boardId: null }))?.total;

  it('reports a malformed row with its file and line, and imports the rest', async () => {
    expect(problems).toContainEqual({
      file: join(dir, 'Users.xml'),
      line: 5,
      message: expect.stringMatching(/^malformed row/),
    });
    expect(await user(3)).toBeNull();
    expect(await user(4)).toMatchObject({
      handle: 'Stephane-Gimenez-4',
      displayName: 'Stéphane Gimenez',
      passwordHash: null,
    });
  });

  it('reports rows with a bad value or a dangling ParentId, and writes nothing of them', async () => {
    expect(problems).toContainEqual({
      file: join(dir, 'Posts.xml'),
      line: 5,
      message: 'ParentId 999: no such question',
    });
    expect(problems).toContainEqual({
      file: join(dir, 'Posts.xml'),
      line: 6,
      message: 'CreationDate is not a date: not a date',
    });
    expect(await t.db.collection('posts').countDocuments({ 'origin.id': { $in: [12, 13] } })).toBe(0);
    expect((await t.db.collection('threads').findOne({ 'origin.id': 10 }))!.answerCount).toBe(2);
  });

  it('applies a duplicate link and reports only the broken one beside it', async () => {
    const original = await t.db.collection('threads').findOne({ 'origin.id': 15 });
    expect((await t.db.collection('threads').findOne({ 'origin.id': 10 }))!.duplicateOfId).toEqual(original!._id);
    const linkProblems = problems.filter((p) => p.file === join(dir, 'PostLinks.xml'));
    expect(linkProblems).toEqual([
      { file: join(dir, 'PostLinks.xml'), line: 4, message: 'duplicate link 10 → 777: no such question' },
    ]);
  });

  it('reports missing optional tables and reads gzipped ones', async () => {
    expect(problems).toContainEqual({ file: join(dir, 'Comments.xml'), line: 0, message: 'missing, skipped' });
    expect(problems).toContainEqual({
      file: join(dir, 'Votes.xml.gz'),
      line: 36,
      message: 'PostId 4242: no such post',
    });
    expect(await t.db.collection('votes').countDocuments()).toBe(32);
  });

  it('keeps deleted users’ posts under a stand-in account, and bodies as Markdown rendered like any post', async () => {
    const orphan = await t.db.collection('posts').findOne({ 'origin.id': 14 });
    const ghost = await t.db.collection('users').findOne({ _id: orphan!.authorId });
    expect(ghost).toMatchObject({ displayName: 'Deleted user', origin: { site: 'small', id: 0 } });
    const question = await t.db.collection('posts').findOne({ 'origin.id': 10 });
    expect(question).toMatchObject({ body: 'Why?', bodyHtml: '<p>Why?</p>\n' });
    expect((await t.db.collection('threads').findOne({ 'origin.id': 10 }))!.tags).toEqual(['one', 'two']);
  });

  it('caps vote reputation per day net of downvotes, pays accepts and moves bounties, and pays no deleted user', async () => {
    // Answerer: 200 (cap), −2 and +2 (the downvote reopened the cap by 2), + 30 + 15 accepted + 50
    // bounty, from 1. Asker: 1 + 2 accepting - 50 bounty would go below 1: stops at 1; then −2 for
    // the downvote on the question, floored at 1 again.
    expect(await totalOf(2)).toBe(1 + 200 - 2 + 2 + 30 + 15 + 50);
    expect(await totalOf(1)).toBe(1);
    const ghost = (await t.db.collection('posts').findOne({ 'origin.id': 14 }))!.authorId;
    expect(await t.db.collection('reputation_ledger').countDocuments({ userId: ghost })).toBe(0);
    const bounty = await t.db.collection('bounties').findOne({});
    expect(bounty).toMatchObject({ amount: 50, status: 'AWARDED' });
    expect((await t.verifier.verify()).drifts).toEqual([]);
  });
});
