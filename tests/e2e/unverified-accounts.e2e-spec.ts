// What an account with an unverified e-mail address may do is each board's setting: reading and
// asking always; answering, commenting and voting as the operator chose.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, createUnverifiedUser, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { answer, ask, comment, vote } from './support/threads.js';
import { accountLinkToken } from './support/mail.js';

describe('unverified accounts', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let strict: { slug: string };
  let open: { slug: string };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    strict = await createBoard(t, operatorAdmin, operator.slug, {
      settings: { unverifiedAccounts: { mayAnswer: false, mayVote: false } },
    });
    open = await createBoard(t, operatorAdmin, operator.slug);
  });
  afterAll(() => t.close());

  const reasonOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    response.errors?.[0].extensions?.reason;
  const tryAnswer = (user: TestUser, threadId: string) =>
    t.graphql(
      'mutation ($t: ID!) { postAnswer(threadId: $t, body: "Restart the phone, then try again.") { id } }',
      { t: threadId },
      { token: user.accessToken },
    );

  /** Confirms the user's address with the link they ask to be mailed. */
  async function verify(user: TestUser) {
    await t.graphql('mutation { resendVerificationEmail }', {}, { token: user.accessToken });
    const token = accountLinkToken(t.config.dataDir, user.email, '/verify-email');
    return (await t.graphql('mutation ($k: String!) { verifyEmail(token: $k) }', { k: token })).data?.verifyEmail;
  }

  it('lets an unverified account ask and comment but not answer or vote where the board says so', async () => {
    // Sign-ups are verified by the link that creates them: unverified accounts are made as the CLI makes them.
    const [newcomer, asker] = await Promise.all([createUnverifiedUser(t), createUnverifiedUser(t)]);
    expect(await verify(asker)).toBe(true);
    const own = await ask(t, newcomer, strict.slug, { title: 'My new SIM shows no service at all' });
    expect((await comment(t, newcomer, own.id, 'It is a physical SIM.')).errors).toBeUndefined();

    const other = await ask(t, asker, strict.slug, { title: 'Why does my bill show two line rentals?' });
    const theirs = await answer(t, asker, other.id, 'Answering myself: a line was added by mistake.');
    expect(reasonOf(await tryAnswer(newcomer, other.id))).toBe('EMAIL_NOT_VERIFIED');
    expect(reasonOf(await vote(t, newcomer, theirs.id, 'UP'))).toBe('EMAIL_NOT_VERIFIED');
    expect((await vote(t, newcomer, theirs.id, 'NONE')).errors).toBeUndefined();

    // Elsewhere the defaults leave everything open.
    const elsewhere = await ask(t, asker, open.slug, { title: 'Can I move my plan to a new phone?' });
    expect((await tryAnswer(newcomer, elsewhere.id)).errors).toBeUndefined();

    // Once the address is confirmed, the strict board takes the answer and the vote.
    expect(await verify(newcomer)).toBe(true);
    expect((await tryAnswer(newcomer, other.id)).errors).toBeUndefined();
    expect((await vote(t, newcomer, theirs.id, 'UP')).errors).toBeUndefined();
  });

  it('shows the setting in the API and lets the operator change it', async () => {
    const settings =
      'query ($s: String!) { board(slug: $s) { settings { unverifiedAccounts { mayAnswer mayComment mayVote } } } }';
    expect((await t.graphql(settings, { s: strict.slug })).data?.board.settings.unverifiedAccounts).toEqual({
      mayAnswer: false,
      mayComment: true,
      mayVote: false,
    });
    const update = await t.graphql(
      'mutation ($s: String!) { updateBoard(slug: $s, input: { settings: { unverifiedAccounts: { mayComment: false } } }) { settings { unverifiedAccounts { mayComment } } } }',
      { s: open.slug },
      { token: operatorAdmin.accessToken },
    );
    expect(update.errors).toBeUndefined();
    const newcomer = await createUnverifiedUser(t);
    const q = await ask(t, newcomer, open.slug, { title: 'Is there a fee for paper bills now?' });
    expect(reasonOf(await comment(t, await createUnverifiedUser(t), q.id, 'Same question here.'))).toBe(
      'EMAIL_NOT_VERIFIED',
    );
    // A sign-up's link verified its address: the same comment is taken.
    expect((await comment(t, await registerUser(t), q.id, 'Same question here.')).errors).toBeUndefined();
  });
});
