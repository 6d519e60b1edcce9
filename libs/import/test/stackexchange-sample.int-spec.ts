// Imports the Stack Exchange sample beside the repository (../shared/fixtures, CC BY-SA, read
// from there, never copied) and checks it against the counts its builder computed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ImportInterrupted, type ImportSummary, UserExportService, usersAsCsv } from '../src/index.js';
import { hasSample, type ImportContext, SE_SAMPLE_DIR, snapshot, startImportContext } from './import-context.js';

const describeWithSample = hasSample ? describe : describe.skip;
if (!hasSample) console.warn(`Stack Exchange sample not found at ${SE_SAMPLE_DIR}: import tests skipped`);

const target = { operatorSlug: 'french', boardSlug: 'french-meta', site: 'french.meta' };

describeWithSample('importing the Stack Exchange sample', () => {
  let t: ImportContext;
  let expected: Record<string, any>;
  let firstImport: Record<string, string[]>;
  let firstSummary: ImportSummary;

  beforeAll(async () => {
    expected = JSON.parse(readFileSync(`${SE_SAMPLE_DIR}/expected-counts.json`, 'utf8'));
    t = await startImportContext();
    firstSummary = await t.importer.import({ dir: SE_SAMPLE_DIR, ...target });
    expect(firstSummary.problems).toBe(0);
    firstImport = await snapshot(t.db);
  }, 120_000);
  afterAll(() => t?.close());

  const count = (collection: string, filter: Record<string, unknown> = {}) =>
    t.db.collection(collection).countDocuments(filter);

  it('keeps every user as an unclaimed account, and a stand-in for deleted ones', async () => {
    expect(await count('users', { 'origin.id': { $gt: 0 } })).toBe(expected.usersRealIdGt0);
    expect(await count('users', { origin: { $ne: null } })).toBe(expected.users + 1);
    expect(await count('users', { passwordHash: { $ne: null } })).toBe(0);
    const user = await t.db.collection('users').findOne({ 'origin.id': 40 });
    expect(user).toMatchObject({ email: null, origin: { site: 'french.meta', id: 40 } });
  });

  it('imports questions, answers and comments with their dates, accepted answers and close state', async () => {
    expect(await count('threads')).toBe(expected.questions);
    expect(await count('posts', { kind: 'ANSWER' })).toBe(expected.answers);
    expect(await count('comments')).toBe(expected.comments);
    expect(await count('posts', { kind: 'ANSWER', isAccepted: true })).toBe(expected.acceptedAnswers);
    expect(await count('threads', { status: 'CLOSED' })).toBe(expected.closedQuestions);
    expect(await count('posts', { 'origin.isCommunityWiki': true })).toBe(expected.communityWikiPosts);
    const first = await t.db.collection('threads').findOne({ 'origin.id': 1 });
    expect(first).toMatchObject({
      title: 'Translation questions — Questions de traduction',
      tags: ['discussion', 'scope'],
    });
    expect(first!.createdAt.toISOString()).toBe('2011-08-17T20:18:56.507Z');
    const tagged = await t.db
      .collection('threads')
      .aggregate([{ $unwind: '$tags' }, { $count: 'n' }])
      .toArray();
    expect(tagged[0].n).toBe(expected.questionTagAssignments);
  });

  it('keeps bodies as Markdown rendered and sanitised like any post, and counts answers and comments per post', async () => {
    expect(await count('posts', { bodyHtml: { $regex: '<script|onerror=|javascript:' } })).toBe(0);
    const question = await t.db.collection('posts').findOne({ 'origin.id': 1 });
    expect(question!.bodyHtml).toContain('<a href="https://english.stackexchange.com/" rel="nofollow ugc noopener"');
    // Kept as Markdown, so editing an imported post shows what posts written here show.
    expect(question!.body).toContain('](https://english.stackexchange.com/)');
    expect(await count('posts', { body: { $regex: '<(p|a|em|strong|li|blockquote)[ >]' } })).toBe(0);
    const threads = await t.db.collection('threads').find({}).toArray();
    for (const thread of threads) {
      expect(await count('posts', { threadId: thread._id, kind: 'ANSWER' })).toBe(thread.answerCount);
    }
  });

  it('stores up and down votes as anonymous votes whose tally is each post’s score', async () => {
    expect(await count('votes')).toBe(expected.votesByVoteTypeId['2'] + expected.votesByVoteTypeId['3']);
    const posts = await t.db.collection('posts').find({}).toArray();
    const voters = await t.db.collection('votes').distinct('voterId');
    expect(voters).toHaveLength(await count('votes'));
    for (const post of posts) expect(post.score).toBe(post.upvotes - post.downvotes);
    expect(posts.reduce((sum, p) => sum + p.upvotes, 0)).toBe(expected.votesByVoteTypeId['2']);
  });

  it('links duplicates to their original question', async () => {
    const duplicates = await t.db
      .collection('threads')
      .find({ duplicateOfId: { $ne: null } })
      .toArray();
    expect(duplicates.length).toBeGreaterThan(0);
    for (const thread of duplicates) expect(await count('threads', { _id: thread.duplicateOfId })).toBe(1);
  });

  it('rebuilds reputation from votes and accepts with zero drift', async () => {
    const { drifts, checked } = await t.verifier.verify();
    expect(drifts).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    const accepts = await count('reputation_ledger', { kind: 'ANSWER_ACCEPTED' });
    expect(accepts).toBeGreaterThan(0);
    expect(accepts).toBeLessThanOrEqual(expected.acceptedAnswers);
  });

  it('keeps the site’s badges as imported badges with their class, date and source', async () => {
    expect(await count('imported_badges')).toBe(expected.badges);
    const badge = await t.db.collection('imported_badges').findOne({ 'origin.id': 1 });
    expect(badge).toMatchObject({ name: 'Autobiographer', tier: 'BRONZE', isTagBased: false, matches: null });
    expect(badge!.awardedAt.toISOString()).toBe('2011-08-17T19:49:15.197Z');
    const owner = await t.db.collection('users').findOne({ _id: badge!.userId });
    expect(owner!.origin).toEqual({ site: 'french.meta', id: 3 });
  });

  it('exports every author with source id, reputation on the operator, answers, accepted answers and badges', async () => {
    const users = await t.app.get(UserExportService).exportUsers(target.operatorSlug);
    expect(users.reduce((sum, u) => sum + u.answers, 0)).toBe(expected.answers);
    expect(users.reduce((sum, u) => sum + u.acceptedAnswers, 0)).toBe(expected.acceptedAnswers);
    // Users who never posted nor earned reputation here are not listed, nor their badges.
    const badges = users.reduce((sum, u) => sum + u.badges, 0);
    expect(badges).toBeGreaterThan(expected.badges / 2);
    expect(badges).toBeLessThanOrEqual(expected.badges);
    const top = users[0];
    expect(top).toMatchObject({ sourceSite: 'french.meta', sourceId: expect.any(Number) });
    expect(top.reputation).toBeGreaterThanOrEqual(users[1].reputation);
    // Reputation on the operator is 1 + what was earned there: nobody shows less than 1.
    expect(Math.min(...users.map((u) => u.reputation))).toBe(1);
    const csv = usersAsCsv(users).split('\n');
    expect(csv[0]).toBe('handle,displayName,sourceSite,sourceId,reputation,answers,acceptedAnswers,badges');
    expect(csv).toHaveLength(users.length + 2);
  });

  it('awards Helpboard badges by its own rules from the imported history, quietly', async () => {
    const ghost = await t.db.collection('users').findOne({ 'origin.id': 0 });
    const distinctAuthors = async (filter: Record<string, unknown>) =>
      (await t.db.collection('posts').distinct('authorId', { ...filter, authorId: { $ne: ghost!._id } })).length;
    const accepted = await distinctAuthors({ kind: 'ANSWER', isAccepted: true });
    expect(accepted).toBeGreaterThan(0);
    expect(await count('badges', { kind: 'FIRST_ACCEPTED_ANSWER' })).toBe(accepted);
    const goodAnswers = await t.db
      .collection('posts')
      .countDocuments({ kind: 'ANSWER', score: { $gte: 10 }, authorId: { $ne: ghost!._id } });
    expect(await count('badges', { kind: 'GOOD_ANSWER' })).toBe(goodAnswers);
    expect(await count('badges', { userId: ghost!._id })).toBe(0);
    const step = firstSummary.phases.find((p) => p.phase === 'helpboard-badges');
    expect(step?.added).toBe(await count('badges'));
    expect(await count('notifications')).toBe(0); // history earns badges, not a flood of notices
  });

  it('changes nothing when the same dump is imported again (and awards no badge twice)', async () => {
    const summary = await t.importer.import({ dir: SE_SAMPLE_DIR, ...target });
    expect(summary.phases.map((p) => p.added)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await snapshot(t.db)).toEqual(firstImport);
  });

  it('resumes an interrupted import to the same end state', async () => {
    const other = await startImportContext();
    try {
      await expect(
        other.importer.import({ dir: SE_SAMPLE_DIR, ...target, batchSize: 100, stopAfterBatches: 12 }),
      ).rejects.toBeInstanceOf(ImportInterrupted);
      const partial = await snapshot(other.db);
      expect(partial.threads.length).toBe(expected.questions);
      expect(partial.comments.length).toBeLessThan(expected.comments);
      const resumed = await other.importer.import({ dir: SE_SAMPLE_DIR, ...target, batchSize: 100 });
      expect(resumed.resumed).toBe(true);
      expect(await snapshot(other.db)).toEqual(firstImport);
      expect((await other.verifier.verify()).drifts).toEqual([]);
    } finally {
      await other.close();
    }
  }, 120_000);
});
