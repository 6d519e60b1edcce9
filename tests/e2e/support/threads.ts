// Questions, answers and votes through the public API.
import type { TestApp } from './test-app.js';
import type { TestUser } from './accounts.js';

export async function ask(t: TestApp, by: TestUser, boardSlug: string, overrides: Record<string, unknown> = {}) {
  const response = await t.graphql(
    'mutation ($i: AskQuestionInput!) { askQuestion(input: $i) { id title tags status } }',
    {
      i: {
        boardSlug,
        title: 'How do I check my remaining 5G data this month?',
        body: 'My plan includes 30 GB of 5G data. Where can I see how much is left?',
        tags: ['5g', 'data-plan'],
        ...overrides,
      },
    },
    { token: by.accessToken },
  );
  if (!response.data?.askQuestion) throw new Error(`askQuestion failed: ${JSON.stringify(response.errors)}`);
  return response.data.askQuestion as { id: string; title: string; tags: string[] };
}

export async function answer(
  t: TestApp,
  by: TestUser,
  threadId: string,
  body = 'Dial *100# or open the app: Usage → Data.',
) {
  const response = await t.graphql(
    'mutation ($t: ID!, $b: String!) { postAnswer(threadId: $t, body: $b) { id score } }',
    { t: threadId, b: body },
    { token: by.accessToken },
  );
  if (!response.data?.postAnswer) throw new Error(`postAnswer failed: ${JSON.stringify(response.errors)}`);
  return response.data.postAnswer as { id: string };
}

export function vote(t: TestApp, by: TestUser, postId: string, direction: 'UP' | 'DOWN' | 'NONE') {
  return t.graphql(
    'mutation ($p: ID!, $d: VoteDirection!) { vote(postId: $p, direction: $d) { id score upvotes downvotes } }',
    { p: postId, d: direction },
    { token: by.accessToken },
  );
}

export function comment(t: TestApp, by: TestUser, postId: string, body: string) {
  return t.graphql(
    'mutation ($p: ID!, $b: String!) { addComment(postId: $p, body: $b) { id body } }',
    { p: postId, b: body },
    { token: by.accessToken },
  );
}

export const THREAD_PAGE = `query ($id: ID!) {
  thread(id: $id) {
    id title tags status isLocked score answerCount viewCount acceptedAnswerId officialAnswerId
    board { slug }
    author { user { handle } isStaff }
    question { id body bodyHtml score viewerVote comments { body author { user { handle } } } author { user { handle } } }
    answers(first: 50) {
      edges { node { id body score isAccepted isOfficial viewerVote author { user { handle } boardRole isStaff } comments { body author { user { handle } } } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;
