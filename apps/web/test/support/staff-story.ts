// The staff pages' story, set up through the public API as people would: an operator's board
// with a moderator, a staff member and a rep; a question with a spam answer flagged by a reader,
// a rep's answer carrying a partner's referral link, and a question escalated to staff.
import { EscalationJob } from '@helpboard/insights';
import { createPlatformAdmin, registerUser, type TestUser } from '../../../../tests/e2e/support/accounts.js';
import { createBoard, createOperator, setBoardRole } from '../../../../tests/e2e/support/boards.js';
import {
  activeCampaign,
  clickLink,
  codeIn,
  createPartner,
  sendWebhook,
} from '../../../../tests/e2e/support/referrals.js';
import type { TestApp } from '../../../../tests/e2e/support/test-app.js';
import { answer, ask } from '../../../../tests/e2e/support/threads.js';

const MINUTE = 60_000;

export interface StaffStory {
  boardSlug: string;
  /** The board's operator; `owner` administers it. */
  operatorSlug: string;
  owner: TestUser;
  moderator: TestUser;
  staff: TestUser;
  colleague: TestUser;
  rep: TestUser;
  member: TestUser;
  question: { id: string };
  spam: { id: string; text: string };
  repAnswer: { id: string; code: string };
  escalated: { id: string; title: string };
  partner: { id: string; secret: string };
}

export async function staffStory(t: TestApp): Promise<StaffStory> {
  const admin = await createPlatformAdmin(t);
  const [owner, moderator, staff, colleague, rep, member, spammer, asker] = await Promise.all(
    Array.from({ length: 8 }, () => registerUser(t)),
  );
  const operator = await createOperator(t, admin, [owner.handle]);
  const board = await createBoard(t, owner, operator.slug, {
    settings: { privileges: { flag: 0 }, escalation: { expertsAfterMinutes: 30, staffAfterMinutes: 240 } },
  });
  for (const [user, role] of [
    [moderator, 'MODERATOR'],
    [staff, 'STAFF'],
    [colleague, 'STAFF'],
  ] as const) {
    const set = await setBoardRole(t, owner, board.slug, user.handle, role);
    if (!set.data?.setBoardRole) throw new Error(`setBoardRole failed: ${JSON.stringify(set.errors)}`);
  }
  const partner = await createPartner(t, owner, operator.slug, 'Dragon Games');
  await activeCampaign(t, owner, partner.id, [board.slug]);

  const question = await ask(t, asker, board.slug, { title: 'How do I claim the new player bonus?' });
  const spamText = 'Cheap followers and likes, best prices, message me now';
  const spam = await answer(t, spammer, question.id, `${spamText}.`);
  const flagged = await t.graphql(
    'mutation ($p: ID!) { flagPost(postId: $p, reason: SPAM) { id } }',
    { p: spam.id },
    {
      token: member.accessToken,
    },
  );
  if (!flagged.data?.flagPost) throw new Error(`flagPost failed: ${JSON.stringify(flagged.errors)}`);
  const posted = await answer(
    t,
    rep,
    question.id,
    'Sign up through the partner and the gems arrive in a day: https://games.example/join?src=forum.',
  );
  const page = await t.graphql('query ($id: ID!) { thread(id: $id) { answers { edges { node { id body } } } } }', {
    id: question.id,
  });
  const repBody = page.data!.thread.answers.edges.find((e: { node: { id: string } }) => e.node.id === posted.id).node
    .body as string;

  // Unanswered for 4 hours: the ladder takes it to experts, then to staff.
  const title = 'My fibre line drops every evening';
  const escalated = await ask(t, asker, board.slug, { title });
  const askedAt = t.clock.now().getTime();
  t.clock.set(new Date(askedAt + 30 * MINUTE));
  await t.app.get(EscalationJob).run();
  t.clock.set(new Date(askedAt + 240 * MINUTE));
  await t.app.get(EscalationJob).run();

  return {
    operatorSlug: operator.slug,
    boardSlug: board.slug,
    owner,
    moderator,
    staff,
    colleague,
    rep,
    member,
    question,
    spam: { id: spam.id, text: spamText },
    repAnswer: { id: posted.id, code: codeIn(repBody)! },
    escalated: { id: escalated.id, title },
    partner,
  };
}

/** A reader clicks the rep's link and the partner reports the sign-up, signed. */
export async function signedConversion(t: TestApp, story: StaffStory, externalId: string, ip: string) {
  const click = await clickLink(t, story.repAnswer.code, { ip });
  const reported = await sendWebhook(t, story.partner.id, story.partner.secret, {
    externalId,
    clickId: click.clickId,
    occurredAt: t.clock.now().toISOString(),
  });
  if (reported.status !== 200) throw new Error(`webhook failed: ${JSON.stringify(reported.body)}`);
  return reported.body;
}
