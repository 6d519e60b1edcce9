// Writes the demo boards' content through the public API: people (made as the CLI makes accounts:
// sign-ups wait for an e-mailed link) sign in, ask, answer, comment,
// vote, accept; staff mark official answers; a few posts get flagged; a partner campaign runs.
import {
  DEMO_BOARDS,
  DEMO_PEOPLE,
  type DemoBoard,
  type DemoQuestion,
  MODERATOR,
  NEWCOMER,
  STAFF_REP,
} from './demo-content.js';
import type { Gql } from './graphql-client.js';

export const DEMO_OPERATOR = 'demo';
export const DEMO_PASSWORD = 'helpboard-demo-2026';

export interface DemoAccount {
  email: string;
  handle: string;
  password: string;
  displayName: string;
  locale: 'en' | 'zh-CN';
}

/** Demo boards let newcomers vote, comment and post without review, so the demo looks alive at once. */
const OPEN_SETTINGS = {
  privileges: { upvote: 0, downvote: 0, comment: 0, flag: 0, postLinks: 0 },
  moderation: { reviewFirstPosts: 0, reviewLinksUnderReputation: 0 },
};

export class DemoSeeder {
  private readonly tokens = new Map<string, string>();
  readonly counts = { questions: 0, answers: 0, comments: 0, votes: 0, flags: 0 };

  constructor(
    private readonly gql: Gql,
    private readonly adminToken: string,
    private readonly createAccount: (account: DemoAccount) => Promise<unknown>,
  ) {}

  async seed(): Promise<{ notes: string[] }> {
    for (const [handle, person] of Object.entries(DEMO_PEOPLE))
      await this.signUp(handle, person.displayName, person.locale);
    await this.gql(
      `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { slug } }`,
      { input: { slug: DEMO_OPERATOR, name: 'Helpboard Mobile (demo)', adminHandles: ['demo-admin'] } },
      this.adminToken,
    );
    const flaggable: { postId: string; by: string; reason: string }[] = [];
    for (const board of DEMO_BOARDS) flaggable.push(...(await this.seedBoard(board)));
    for (const flag of flaggable) {
      await this.gql(
        `mutation($postId: ID!, $reason: FlagReason!) { flagPost(postId: $postId, reason: $reason) { id } }`,
        flag,
        this.tokens.get(flag.by),
      );
      this.counts.flags += 1;
    }
    return { notes: [...(await this.referralCampaign()), await this.firstPostReview()] };
  }

  private async signUp(handle: string, displayName: string, locale: string): Promise<void> {
    await this.createAccount({
      email: `${handle}@demo.helpboard.test`,
      handle,
      password: DEMO_PASSWORD,
      displayName,
      locale: locale === 'zh-CN' ? 'zh-CN' : 'en',
    });
    const data = await this.gql<{ login: { accessToken: string } }>(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
      { input: { emailOrHandle: handle, password: DEMO_PASSWORD } },
    );
    this.tokens.set(handle, data.login.accessToken);
  }

  private async seedBoard(board: DemoBoard) {
    await this.gql(
      `mutation($input: CreateBoardInput!) { createBoard(input: $input) { slug } }`,
      {
        input: {
          operatorSlug: DEMO_OPERATOR,
          slug: board.slug,
          title: board.title,
          description: board.description,
          region: board.region,
          kind: 'PRODUCT',
          settings: OPEN_SETTINGS,
        },
      },
      this.adminToken,
    );
    for (const [handle, role] of [
      [STAFF_REP, 'STAFF'],
      [MODERATOR, 'MODERATOR'],
    ]) {
      await this.gql(
        `mutation($board: String!, $handle: String!, $role: BoardRole) { setBoardRole(boardSlug: $board, handle: $handle, role: $role) { role } }`,
        { board: board.slug, handle, role },
        this.adminToken,
      );
    }
    const flags: { postId: string; by: string; reason: string }[] = [];
    for (const question of board.questions) flags.push(...(await this.seedQuestion(board.slug, question)));
    return flags;
  }

  private async seedQuestion(boardSlug: string, question: DemoQuestion) {
    const { askQuestion } = await this.gql<{ askQuestion: { id: string } }>(
      `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
      { input: { boardSlug, title: question.title, body: question.body, tags: question.tags } },
      this.tokens.get(question.author),
    );
    this.counts.questions += 1;
    await this.react(askQuestion.id, question.upvoters ?? [], [], question.comments ?? []);
    const flags: { postId: string; by: string; reason: string }[] = [];
    if (question.answers.length === 0) flags.push({ postId: askQuestion.id, by: 'priya', reason: 'NEEDS_STAFF' });
    for (const answer of question.answers) {
      const { postAnswer } = await this.gql<{ postAnswer: { id: string } }>(
        `mutation($threadId: ID!, $body: String!) { postAnswer(threadId: $threadId, body: $body) { id } }`,
        { threadId: askQuestion.id, body: answer.body },
        this.tokens.get(answer.author),
      );
      this.counts.answers += 1;
      await this.react(postAnswer.id, answer.upvoters ?? [], answer.downvoters ?? [], answer.comments ?? []);
      if (answer.isAccepted)
        await this.gql(
          `mutation($id: ID!) { acceptAnswer(answerId: $id) { id } }`,
          { id: postAnswer.id },
          this.tokens.get(question.author),
        );
      if (answer.isOfficial)
        await this.gql(
          `mutation($id: ID!) { markOfficialAnswer(answerId: $id) { id } }`,
          { id: postAnswer.id },
          this.tokens.get(STAFF_REP),
        );
      if (answer.downvoters?.length)
        flags.push({ postId: postAnswer.id, by: answer.downvoters[0], reason: 'OFF_TOPIC' });
    }
    return flags;
  }

  private async react(postId: string, up: string[], down: string[], comments: { author: string; body: string }[]) {
    for (const [voters, direction] of [
      [up, 'UP'],
      [down, 'DOWN'],
    ] as const) {
      for (const voter of voters) {
        await this.gql(
          `mutation($postId: ID!, $direction: VoteDirection!) { vote(postId: $postId, direction: $direction) { id } }`,
          { postId, direction },
          this.tokens.get(voter),
        );
        this.counts.votes += 1;
      }
    }
    for (const comment of comments) {
      await this.gql(
        `mutation($postId: ID!, $body: String!) { addComment(postId: $postId, body: $body) { id } }`,
        { postId, body: comment.body },
        this.tokens.get(comment.author),
      );
      this.counts.comments += 1;
    }
  }

  /**
   * The English board reviews each newcomer's first post (the demo boards are otherwise open), and
   * a newcomer asks there: the moderators' review queue starts with one item.
   */
  private async firstPostReview(): Promise<string> {
    const board = DEMO_BOARDS[0];
    await this.gql(
      `mutation($slug: String!, $input: UpdateBoardInput!) { updateBoard(slug: $slug, input: $input) { slug } }`,
      { slug: board.slug, input: { settings: { moderation: { reviewFirstPosts: 1 } } } },
      this.adminToken,
    );
    await this.signUp(NEWCOMER.handle, NEWCOMER.displayName, NEWCOMER.locale);
    await this.gql(
      `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
      {
        input: {
          boardSlug: board.slug,
          title: 'Can I keep my number when I switch to an eSIM?',
          body: 'My phone supports eSIM and I would like to switch from the plastic SIM, but I must keep my number.',
          tags: [DEMO_BOARDS[0].questions[0].tags[0]],
        },
      },
      this.tokens.get(NEWCOMER.handle),
    );
    this.counts.questions += 1;
    return `${board.slug} reviews first posts: @${NEWCOMER.handle}'s question waits in the review queue`;
  }

  /** A partner's campaign on the English board, allowed there and active. */
  private async referralCampaign(): Promise<string[]> {
    const { createPartner } = await this.gql<{ createPartner: { partner: { id: string } } }>(
      `mutation($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } } }`,
      { input: { operatorSlug: DEMO_OPERATOR, name: 'RoamFree eSIM (demo partner)' } },
      this.adminToken,
    );
    const board = DEMO_BOARDS[0].slug;
    const { createCampaign } = await this.gql<{ createCampaign: { id: string } }>(
      `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
      {
        input: {
          partnerId: createPartner.partner.id,
          name: 'Travel eSIM day passes',
          landingUrl: 'https://example.com/roamfree-demo',
          boardSlugs: [board],
          commission: { kind: 'FIXED', amountMinor: 500, currency: 'GBP' },
        },
      },
      this.adminToken,
    );
    await this.gql(
      `mutation($slug: String!, $input: UpdateBoardInput!) { updateBoard(slug: $slug, input: $input) { slug } }`,
      { slug: board, input: { settings: { referrals: { allowedCampaignIds: [createCampaign.id] } } } },
      this.adminToken,
    );
    await this.gql(
      `mutation($id: ID!) { setCampaignStatus(campaignId: $id, status: ACTIVE) { id } }`,
      { id: createCampaign.id },
      this.adminToken,
    );
    return [`referral campaign "Travel eSIM day passes" active on ${board}`];
  }
}
