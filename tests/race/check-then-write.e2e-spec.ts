// Every mutation that checks something and then writes, run 20 times at once by the same user and
// by different users: the end state must be one a serial run could produce, and no call may fail
// as a server error (issue #21).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../e2e/support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from '../e2e/support/accounts.js';
import { createBoard, createOperator, setBoardRole } from '../e2e/support/boards.js';
import { answer, ask, vote } from '../e2e/support/threads.js';
import { giveReputation, PARALLEL, race, serverErrors } from './support/race.js';

const START_BOUNTY = 'mutation ($t: ID!, $a: Int!) { startBounty(threadId: $t, amount: $a) { id } }';
const AWARD_BOUNTY = 'mutation ($a: ID!) { awardBounty(answerId: $a) { status } }';
const FLAG = 'mutation ($p: ID!) { flagPost(postId: $p, reason: SPAM) { id } }';
const ACCEPT = 'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }';
const FOLLOW = 'mutation ($t: ID!) { follow(input: { threadId: $t }) { createdAt } }';
const CLOSE_VOTE = 'mutation ($t: ID!) { voteToClose(threadId: $t, reason: OFF_TOPIC) { votes } }';

describe('check-then-write mutations under 20 parallel calls', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let moderator: TestUser;
  let operator: { slug: string };
  let board: { id: string; slug: string };

  const many = (n: number) => Promise.all(Array.from({ length: n }, () => registerUser(t)));
  const reputationOf = async (user: TestUser) =>
    (await t.graphql('query ($h: String!) { user(handle: $h) { reputation } }', { h: user.handle })).data!.user
      .reputation as number;
  const threadOf = async (id: string, fields: string) =>
    (await t.graphql(`query ($id: ID!) { thread(id: $id) { ${fields} } }`, { id }, { token: moderator.accessToken }))
      .data!.thread;

  /** A user with 101 reputation, earned on the board. */
  async function richUser(): Promise<TestUser> {
    const [rich] = await many(1);
    await giveReputation(t, rich.id, board.id, 100);
    return rich;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    [operatorAdmin, moderator] = await many(2);
    operator = await createOperator(t, admin, [operatorAdmin.handle]);
    board = await createBoard(t, operatorAdmin, operator.slug, { settings: { privileges: { flag: 0 } } });
    await setBoardRole(t, operatorAdmin, board.slug, moderator.handle, 'MODERATOR');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('startBounty', () => {
    it('spends reputation once when one user starts bounties on 20 questions at once', async () => {
      const starter = await richUser();
      const questions: { id: string }[] = [];
      for (let i = 0; i < PARALLEL; i++)
        questions.push(await ask(t, starter, board.slug, { title: `A question worth a bounty, number ${i}` }));
      const outcome = await race((i) =>
        t.graphql(START_BOUNTY, { t: questions[i].id, a: 50 }, { token: starter.accessToken }),
      );
      expect(serverErrors(outcome)).toEqual([]);
      // 101 pays for two bounties of 50 (SE: 1 must remain): a serial run stops after them.
      expect(outcome.succeeded).toHaveLength(2);
      expect(new Set(outcome.refusals)).toEqual(new Set(['PRECONDITION_FAILED/NOT_ENOUGH_REPUTATION']));
      expect(await reputationOf(starter)).toBe(1);
    });

    it('opens one bounty when 20 users start one on the same question', async () => {
      const q = await ask(t, (await many(1))[0], board.slug, { title: 'Everyone wants to offer a bounty here' });
      const starters = await Promise.all(Array.from({ length: 4 }, () => richUser()));
      const outcome = await race((i) =>
        t.graphql(START_BOUNTY, { t: q.id, a: 50 }, { token: starters[i % starters.length].accessToken }),
      );
      expect(serverErrors(outcome)).toEqual([]);
      expect(outcome.succeeded).toHaveLength(1);
      const reputations = await Promise.all(starters.map(reputationOf));
      expect(reputations.sort((a, b) => a - b)).toEqual([51, 101, 101, 101]);
    });

    it('pays an award once when the starter awards it 20 times at once', async () => {
      const starter = await richUser();
      const helper = (await many(1))[0];
      const q = await ask(t, starter, board.slug, { title: 'A bounty awarded in a hurry' });
      await t.graphql(START_BOUNTY, { t: q.id, a: 50 }, { token: starter.accessToken });
      const a = await answer(t, helper, q.id, 'The answer that earns the bounty.');
      const outcome = await race(() => t.graphql(AWARD_BOUNTY, { a: a.id }, { token: starter.accessToken }));
      expect(serverErrors(outcome)).toEqual([]);
      expect(outcome.succeeded).toHaveLength(1);
      expect(await reputationOf(helper)).toBe(51);
    });
  });

  describe('vote', () => {
    it('keeps one vote when one user casts the same vote 20 times at once', async () => {
      const [asker, author, voter] = await many(3);
      const q = await ask(t, asker, board.slug, { title: 'Twenty clicks on one upvote button' });
      const a = await answer(t, author, q.id);
      const outcome = await race(() => vote(t, voter, a.id, 'UP'));
      expect(serverErrors(outcome)).toEqual([]);
      expect(outcome.succeeded).toHaveLength(PARALLEL);
      expect(await reputationOf(author)).toBe(11);
    });

    it('counts every voter once when 20 users vote at once', async () => {
      const [asker, author] = await many(2);
      const voters = await many(PARALLEL);
      const q = await ask(t, asker, board.slug, { title: 'Twenty voters on one answer' });
      const a = await answer(t, author, q.id);
      const outcome = await race((i) => vote(t, voters[i], a.id, 'UP'));
      expect(serverErrors(outcome)).toEqual([]);
      expect(outcome.succeeded).toHaveLength(PARALLEL);
      expect(await reputationOf(author)).toBe(1 + 10 * PARALLEL);
    });

    it('charges a costly downvote only while the voter still has the privilege', async () => {
      const voter = await richUser(); // 101 on this operator's boards
      const strict = await createBoard(t, operatorAdmin, operator.slug, {
        settings: { privileges: { downvote: 101 } },
      });
      const asker = (await many(1))[0];
      const q = await ask(t, asker, strict.slug, { title: 'Twenty weak answers to downvote' });
      const authors = await many(PARALLEL);
      const answers: { id: string }[] = [];
      for (const author of authors) answers.push(await answer(t, author, q.id, `A weak answer by ${author.handle}`));
      const outcome = await race((i) => vote(t, voter, answers[i].id, 'DOWN'));
      expect(serverErrors(outcome)).toEqual([]);
      // SE: a downvote on an answer costs the voter 1; at 100 the privilege (101 here) is gone.
      expect(outcome.succeeded).toHaveLength(1);
      expect(new Set(outcome.refusals)).toEqual(new Set(['FORBIDDEN/PRIVILEGE_REQUIRED']));
      expect(await reputationOf(voter)).toBe(100);
    });
  });

  describe('acceptAnswer', () => {
    it('leaves one accepted answer and one acceptance bonus when answers are accepted 20 times at once', async () => {
      const asker = (await many(1))[0];
      const authors = await many(5);
      const q = await ask(t, asker, board.slug, { title: 'Which of five answers is right?' });
      const answers: { id: string }[] = [];
      for (const author of authors) answers.push(await answer(t, author, q.id, `Try this, says ${author.handle}`));
      const outcome = await race((i) =>
        t.graphql(ACCEPT, { a: answers[i % answers.length].id }, { token: asker.accessToken }),
      );
      expect(serverErrors(outcome)).toEqual([]);
      const thread = await threadOf(q.id, 'acceptedAnswerId answers(first: 50) { edges { node { id isAccepted } } }');
      const accepted = thread.answers.edges.filter((edge: { node: { isAccepted: boolean } }) => edge.node.isAccepted);
      expect(accepted).toHaveLength(1);
      expect(thread.acceptedAnswerId).toBe(accepted[0].node.id);
      const reputations = await Promise.all(authors.map(reputationOf));
      expect(reputations.filter((value) => value === 16)).toHaveLength(1);
      expect(reputations.filter((value) => value === 1)).toHaveLength(authors.length - 1);
      expect(await reputationOf(asker)).toBe(3);
    });
  });

  describe('flagPost', () => {
    it('keeps one open flag when one user flags a post 20 times at once', async () => {
      const [asker, author, flagger] = await many(3);
      const q = await ask(t, asker, board.slug, { title: 'A post flagged by a nervous reader' });
      const a = await answer(t, author, q.id, 'Buy cheap phone cases in my shop');
      const outcome = await race(() => t.graphql(FLAG, { p: a.id }, { token: flagger.accessToken }));
      expect(serverErrors(outcome)).toEqual([]);
      expect(outcome.succeeded).toHaveLength(1);
      expect(new Set(outcome.refusals)).toEqual(new Set(['CONFLICT/FLAG_EXISTS']));
    });

    it('hides a post once, with one audit entry, when 20 users flag it at once', async () => {
      const [asker, author] = await many(2);
      const flaggers = await many(PARALLEL);
      const q = await ask(t, asker, board.slug, { title: 'A post flagged by everyone' });
      const a = await answer(t, author, q.id, 'Visit my casino for free spins');
      const outcome = await race((i) => t.graphql(FLAG, { p: a.id }, { token: flaggers[i].accessToken }));
      expect(serverErrors(outcome)).toEqual([]);
      expect(outcome.succeeded.length + outcome.refusals.length).toBe(PARALLEL);
      const log = await t.graphql(
        'query ($b: String!) { moderationLog(boardSlug: $b, first: 100) { action targetId } }',
        { b: board.slug },
        { token: moderator.accessToken },
      );
      const hides = log.data!.moderationLog.filter(
        (entry: { action: string; targetId: string }) => entry.action === 'HIDE' && entry.targetId === a.id,
      );
      expect(hides).toHaveLength(1);
    });
  });

  describe('hourly limits of new users', () => {
    it('lets a new user ask only as many questions as the hourly limit when 20 arrive at once', async () => {
      const limited = await createBoard(t, operatorAdmin, operator.slug, {
        settings: { moderation: { newUserUnderReputation: 50, newUserQuestionsPerHour: 5 } },
      });
      const newcomer = (await many(1))[0];
      const outcome = await race((i) =>
        t.graphql(
          'mutation ($i: AskQuestionInput!) { askQuestion(input: $i) { id } }',
          {
            i: {
              boardSlug: limited.slug,
              title: `Newcomer question number ${i}`,
              body: 'My phone shows no signal since this morning, what can I do?',
              tags: ['signal'],
            },
          },
          { token: newcomer.accessToken },
        ),
      );
      expect(serverErrors(outcome)).toEqual([]);
      expect(outcome.succeeded).toHaveLength(5);
      expect(new Set(outcome.refusals)).toEqual(new Set(['RATE_LIMITED/NEW_USER_RATE_LIMITED']));
    });
  });

  describe('follow and close votes', () => {
    it('keeps one follow when one user follows a thread 20 times at once', async () => {
      const [asker, reader] = await many(2);
      const q = await ask(t, asker, board.slug, { title: 'A thread followed twenty times' });
      const outcome = await race(() => t.graphql(FOLLOW, { t: q.id }, { token: reader.accessToken }));
      expect(serverErrors(outcome)).toEqual([]);
      expect(outcome.succeeded).toHaveLength(PARALLEL);
      expect(new Set(outcome.succeeded.map((response) => response.data!.follow.createdAt)).size).toBe(1);
    });

    it('closes a question once when 20 users vote to close it at once', async () => {
      const asker = (await many(1))[0];
      const voters = await Promise.all(Array.from({ length: 5 }, () => richUser()));
      const strict = await createBoard(t, operatorAdmin, operator.slug, {
        settings: { privileges: { closeVotes: 1 } },
      });
      const q = await ask(t, asker, strict.slug, { title: 'Off-topic question everybody wants closed' });
      const outcome = await race((i) =>
        t.graphql(CLOSE_VOTE, { t: q.id }, { token: voters[i % voters.length].accessToken }),
      );
      expect(serverErrors(outcome)).toEqual([]);
      const thread = await threadOf(q.id, 'status');
      expect(thread.status).toBe('CLOSED');
    });
  });
});
