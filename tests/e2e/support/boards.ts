// Operators and boards built through the public API.
import type { TestApp } from './test-app.js';
import type { TestUser } from './accounts.js';

let counter = 0;
export function uniqueSlug(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

export async function createOperator(t: TestApp, admin: TestUser, adminHandles: string[], slug = uniqueSlug('op')) {
  const response = await t.graphql(
    'mutation ($i: CreateOperatorInput!) { createOperator(input: $i) { id slug } }',
    { i: { slug, name: `Operator ${slug}`, adminHandles } },
    { token: admin.accessToken },
  );
  if (!response.data?.createOperator) throw new Error(`createOperator failed: ${JSON.stringify(response.errors)}`);
  return response.data.createOperator as { id: string; slug: string };
}

export function createBoardRequest(t: TestApp, by: TestUser, input: Record<string, unknown>) {
  return t.graphql(
    'mutation ($i: CreateBoardInput!) { createBoard(input: $i) { id slug title kind region tags isArchived settings { reputation { answerAccepted } escalation { expertsAfterMinutes staffAfterMinutes } } } }',
    { i: input },
    { token: by.accessToken },
  );
}

/**
 * Test boards let brand-new accounts vote and comment (privileges at 0) and treat nobody as new
 * (no hourly limits, no first-post, link or repeated-text review), so tests need not first earn
 * reputation; those rules themselves are tested on boards with the defaults.
 */
const OPEN_PRIVILEGES = { upvote: 0, downvote: 0, comment: 0 };
const NOBODY_NEW = { newUserUnderReputation: 0, reviewFirstPosts: 0, reviewLinksUnderReputation: 0 };

export async function createBoard(t: TestApp, by: TestUser, operatorSlug: string, extra: Record<string, unknown> = {}) {
  const slug = uniqueSlug('board');
  const settings = (extra.settings ?? {}) as {
    privileges?: Record<string, number>;
    moderation?: Record<string, number>;
  };
  const response = await createBoardRequest(t, by, {
    operatorSlug,
    slug,
    title: `Board ${slug}`,
    kind: 'REGION',
    ...extra,
    settings: {
      ...settings,
      privileges: { ...OPEN_PRIVILEGES, ...settings.privileges },
      moderation: { ...NOBODY_NEW, ...settings.moderation },
    },
  });
  if (!response.data?.createBoard) throw new Error(`createBoard failed: ${JSON.stringify(response.errors)}`);
  return response.data.createBoard as { id: string; slug: string };
}

export function setBoardRole(t: TestApp, by: TestUser, boardSlug: string, handle: string, role: string | null) {
  return t.graphql(
    'mutation ($b: String!, $h: String!, $r: BoardRole) { setBoardRole(boardSlug: $b, handle: $h, role: $r) { role user { handle } } }',
    { b: boardSlug, h: handle, r: role },
    { token: by.accessToken },
  );
}
