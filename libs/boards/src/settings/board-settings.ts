// Board settings: the defaults live here and only here. A board stores just its overrides, so a
// change of default reaches every board that did not choose otherwise.
import { z } from 'zod';

/** How posts show images from other sites (each one tells its host who read the post, and when). */
export enum RemoteImages {
  ALLOW = 'ALLOW',
  /** Shown as links to the image: nothing is fetched unless the reader follows one. */
  LINK = 'LINK',
}

const points = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * Languages a board may name as its content languages: BCP 47 tags, written as here (language,
 * and a region or script only where readers need it told apart).
 */
export const BOARD_LANGUAGES = [
  'en',
  'zh-CN',
  'zh-TW',
  'ja',
  'ko',
  'de',
  'fr',
  'es',
  'it',
  'pt-BR',
  'nl',
  'pl',
  'ru',
  'tr',
  'ar',
  'hi',
  'id',
  'th',
  'vi',
] as const;
export type BoardLanguage = (typeof BOARD_LANGUAGES)[number];
/** At most this many content languages per board. */
export const MAX_BOARD_LANGUAGES = 5;

export const boardSettingsSchema = z.object({
  /** Reputation rules (Stack Exchange defaults; an operator may tune them per board). */
  reputation: z.object({
    questionUpvote: points(0, 100),
    answerUpvote: points(0, 100),
    postDownvote: points(-100, 0),
    downvoteCost: points(-100, 0),
    answerAccepted: points(0, 200),
    acceptorBonus: points(0, 50),
    officialAnswer: points(0, 200),
    dailyVoteCap: points(0, 10_000),
  }),
  /** Reputation needed for each privilege. */
  privileges: z.object({
    upvote: points(0, 100_000),
    flag: points(0, 100_000),
    comment: points(0, 100_000),
    downvote: points(0, 100_000),
    postLinks: points(0, 100_000),
    answerProtected: points(0, 100_000),
    editOthersPosts: points(0, 1_000_000),
    reviewQueues: points(0, 1_000_000),
    closeVotes: points(0, 1_000_000),
    moderationTools: points(0, 1_000_000),
  }),
  referrals: z.object({
    /** Campaigns an operator admin allowed on this board (ids from the referrals lib). */
    allowedCampaignIds: z.array(z.string().regex(/^[0-9a-f]{24}$/)).max(100),
  }),
  escalation: z.object({
    /** Unanswered this long, a question goes to the board's experts. */
    expertsAfterMinutes: points(1, 7 * 24 * 60),
    /** Unanswered this long, it goes to the staff queue. */
    staffAfterMinutes: points(1, 30 * 24 * 60),
  }),
  moderation: z.object({
    /** Total flag weight at which a post is hidden pending review. */
    hideThreshold: z.number().min(1).max(100),
    /** First posts of a new user that go through review. */
    reviewFirstPosts: points(0, 20),
    /** Posts with links by users under this reputation go through review. */
    reviewLinksUnderReputation: points(0, 100_000),
    /** …and with this many links or more they stay hidden until approved (link spam). */
    holdBackAtLinks: points(1, 1_000),
    /** Hourly limits for users under this reputation on the operator's boards. */
    newUserUnderReputation: points(0, 100_000),
    newUserQuestionsPerHour: points(1, 1_000),
    newUserAnswersPerHour: points(1, 1_000),
    newUserCommentsPerHour: points(1, 1_000),
    newUserFlagsPerHour: points(1, 1_000),
    /** Flags anyone may raise per UTC day, before the extra ones helpful flags earn (SE: 10). */
    flagsPerDay: points(1, 100),
  }),
  content: z.object({
    /** null: the default for the board's visibility (links on private boards, images on public ones). */
    remoteImages: z.enum(RemoteImages).nullable(),
    /** The languages people write in here, the main one first: the default `lang` of posts. */
    languages: z
      .array(z.enum(BOARD_LANGUAGES))
      .min(1)
      .max(MAX_BOARD_LANGUAGES)
      .refine((tags) => new Set(tags).size === tags.length),
  }),
  /**
   * What accounts whose e-mail address is not verified yet may do here, besides reading and
   * asking (always allowed: a customer with a problem should not wait for a mail).
   */
  unverifiedAccounts: z.object({
    mayAnswer: z.boolean(),
    mayComment: z.boolean(),
    mayVote: z.boolean(),
  }),
});

export type BoardSettingsValues = z.infer<typeof boardSettingsSchema>;

/** What the operator may send: any subset of any group. */
export type BoardSettingsOverrides = { [G in keyof BoardSettingsValues]?: Partial<BoardSettingsValues[G]> };

export const DEFAULT_BOARD_SETTINGS: BoardSettingsValues = {
  reputation: {
    questionUpvote: 10,
    answerUpvote: 10,
    postDownvote: -2,
    downvoteCost: -1,
    answerAccepted: 15,
    acceptorBonus: 2,
    officialAnswer: 10,
    dailyVoteCap: 200,
  },
  // SE: upvote 15, flag 15, comment 50, downvote 125, review queues 500, edit 2,000, close votes
  // 3,000, moderator tools 10,000; asking and answering need only the starting 1, answering a
  // protected question 10.
  privileges: {
    upvote: 15,
    flag: 15,
    comment: 50,
    downvote: 125,
    postLinks: 10,
    answerProtected: 10,
    editOthersPosts: 2000,
    reviewQueues: 500,
    closeVotes: 3000,
    moderationTools: 10_000,
  },
  referrals: { allowedCampaignIds: [] },
  escalation: { expertsAfterMinutes: 30, staffAfterMinutes: 240 },
  moderation: {
    hideThreshold: 3,
    reviewFirstPosts: 3,
    reviewLinksUnderReputation: 50,
    holdBackAtLinks: 3,
    newUserUnderReputation: 50,
    newUserQuestionsPerHour: 5,
    newUserAnswersPerHour: 10,
    newUserCommentsPerHour: 20,
    newUserFlagsPerHour: 10,
    flagsPerDay: 10,
  },
  content: { remoteImages: null, languages: ['en'] },
  // Open by default, as before verification existed; an operator closes what spam targets.
  unverifiedAccounts: { mayAnswer: true, mayComment: true, mayVote: true },
};

// `base` is absent for boards created without overrides (mongoose drops the empty object).
export function mergeOverrides(
  base: BoardSettingsOverrides = {},
  changes: BoardSettingsOverrides,
): BoardSettingsOverrides {
  const merged: Record<string, unknown> = { ...base };
  for (const [group, values] of Object.entries(changes)) {
    if (values === undefined || values === null) continue;
    const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null));
    merged[group] = { ...(base as Record<string, object>)[group], ...defined };
  }
  return merged as BoardSettingsOverrides;
}

/** Effective settings: defaults with the board's overrides applied. */
export function resolveBoardSettings(overrides: BoardSettingsOverrides = {}): BoardSettingsValues {
  return mergeOverrides(DEFAULT_BOARD_SETTINGS, overrides) as BoardSettingsValues;
}

/**
 * Validates overrides against the schema and against each other; returns problems as
 * `settings.group.field` paths with message keys.
 */
export function settingsProblems(overrides: BoardSettingsOverrides): { field: string; message: string }[] {
  const effective = resolveBoardSettings(overrides);
  const result = boardSettingsSchema.safeParse(effective);
  const problems = result.success
    ? []
    : result.error.issues
        .map((issue) => ({
          // A problem in a list (one of the languages) is the list's: its field is what people edit.
          field: ['settings', ...issue.path.filter((part) => typeof part !== 'number')].join('.'),
          message: 'INVALID_VALUE',
        }))
        .filter((problem, i, all) => all.findIndex((other) => other.field === problem.field) === i);
  if (effective.escalation.staffAfterMinutes <= effective.escalation.expertsAfterMinutes) {
    problems.push({ field: 'settings.escalation.staffAfterMinutes', message: 'STAFF_AFTER_EXPERTS' });
  }
  return problems;
}

/** A board's content languages, the main one first. */
export function boardLanguages(board: { settingsOverrides?: BoardSettingsOverrides }): readonly BoardLanguage[] {
  return resolveBoardSettings(board.settingsOverrides).content.languages;
}

/** Whether a board's posts show remote images as images: its choice, else only if the board is public. */
export function showsRemoteImages(board: { visibility: string; settingsOverrides?: BoardSettingsOverrides }): boolean {
  const choice = resolveBoardSettings(board.settingsOverrides).content.remoteImages;
  return (choice ?? (board.visibility === 'PUBLIC' ? RemoteImages.ALLOW : RemoteImages.LINK)) === RemoteImages.ALLOW;
}

/** What an unverified account may do beyond reading and asking; each is a board setting. */
export type UnverifiedAct = 'answer' | 'comment' | 'vote';

const UNVERIFIED_SETTING: Record<UnverifiedAct, keyof BoardSettingsValues['unverifiedAccounts']> = {
  answer: 'mayAnswer',
  comment: 'mayComment',
  vote: 'mayVote',
};

/** Whether an account with an unverified address may do this on the board. */
export function unverifiedMay(board: { settingsOverrides?: BoardSettingsOverrides }, act: UnverifiedAct): boolean {
  return resolveBoardSettings(board.settingsOverrides).unverifiedAccounts[UNVERIFIED_SETTING[act]];
}
