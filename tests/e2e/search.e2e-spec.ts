import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask } from './support/threads.js';

const SEARCH = `query ($q: String!, $b: String, $first: Int, $after: String) {
  search(query: $q, boardSlug: $b, first: $first, after: $after) {
    totalCount
    edges { cursor node { thread { id title } titleHighlight snippet } }
    pageInfo { hasNextPage endCursor }
    boardFacets { value count }
    tagFacets { value count }
  }
}`;

describe('search: readers find old answers instead of asking again', () => {
  let t: TestApp;
  let asker: TestUser;
  let helper: TestUser;
  let board: { slug: string };
  let operatorAdmin: TestUser;
  let operatorSlug: string;

  /** Indexing follows the commit through the outbox: wait until the search sees `count` hits. */
  async function searchUntil(query: string, count: number, variables: Record<string, unknown> = {}) {
    for (let attempt = 0; ; attempt++) {
      const response = await t.graphql(SEARCH, { q: query, ...variables });
      if (!response.data) throw new Error(JSON.stringify(response.errors));
      if (response.data?.search.totalCount >= count || attempt === 50) return response;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    operatorSlug = operator.slug;
    board = await createBoard(t, operatorAdmin, operator.slug);
    [asker, helper] = await Promise.all([registerUser(t), registerUser(t)]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds a new question and its answers, in English and Chinese, with highlights and facets', async () => {
    const english = await ask(t, asker, board.slug, {
      title: 'Voicemail greeting keeps resetting after update',
      body: 'Since the latest update my custom voicemail greeting goes back to the default one.',
      tags: ['voicemail'],
    });
    await answer(t, helper, english.id, 'Re-record it from the dialer: hold 1, then press 3 for greetings.');
    const chinese = await ask(t, asker, board.slug, {
      title: '如何查询本月剩余流量？',
      body: '我的套餐里有 30GB 流量，怎么看还剩多少？',
      tags: ['流量'],
    });

    const found = await searchUntil('voicemail greting', 1);
    expect(found.data!.search.edges[0].node.thread.id).toBe(english.id);
    expect(found.data!.search.edges[0].node.titleHighlight).toContain('<mark>Voicemail</mark>');
    expect(found.data!.search.tagFacets).toEqual([{ value: 'voicemail', count: 1 }]);

    const byAnswer = await searchUntil('dialer greetings', 1);
    expect(byAnswer.data!.search.edges.map((e: any) => e.node.thread.id)).toContain(english.id);

    const zh = await searchUntil('剩余流量', 1);
    expect(zh.data!.search.edges[0].node.thread.id).toBe(chinese.id);
    expect(zh.data!.search.boardFacets).toEqual([{ value: board.slug, count: 1 }]);
  });

  it('suggests answered questions first while someone types a new one', async () => {
    const open = await ask(t, asker, board.slug, { title: 'Roaming data not working in Thailand', tags: ['roaming'] });
    const solved = await ask(t, asker, board.slug, {
      title: 'Roaming data stopped working in Japan',
      tags: ['roaming'],
    });
    const fix = await answer(t, helper, solved.id, 'Turn on data roaming and select the partner network manually.');
    await t.graphql(
      'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }',
      { a: fix.id },
      { token: asker.accessToken },
    );
    await searchUntil('roaming', 2);
    let suggestions: any[] = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      const response = await t.graphql(
        'query ($t: String!, $b: String) { similarQuestions(title: $t, boardSlug: $b) { thread { id acceptedAnswerId } } }',
        {
          t: 'roaming data not working',
          b: board.slug,
        },
      );
      suggestions = response.data!.similarQuestions;
      if (suggestions[0]?.thread.acceptedAnswerId) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(suggestions.map((s) => s.thread.id)).toEqual([solved.id, open.id]);
  });

  it('pages through results with cursors', async () => {
    for (let i = 0; i < 5; i++)
      await ask(t, asker, board.slug, { title: `Billing question number ${i} about invoices`, tags: ['billing'] });
    const all = await searchUntil('invoices', 5);
    expect(all.data!.search.totalCount).toBe(5);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await t.graphql(SEARCH, { q: 'invoices', first: 2, after });
      seen.push(...page.data.search.edges.map((e: any) => e.node.thread.id));
      after = page.data.search.pageInfo.hasNextPage ? page.data.search.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(5);
  });

  it('drops a thread from results once a moderator hides it, and brings it back on restore', async () => {
    const q = await ask(t, asker, board.slug, { title: 'Scam text messages claiming a prize', tags: ['spam'] });
    expect((await searchUntil('scam prize', 1)).data!.search.totalCount).toBe(1);
    const hide = 'mutation ($p: ID!, $h: Boolean!) { hidePost(postId: $p, reason: "Scam bait", isHidden: $h) { id } }';
    await t.graphql(hide, { p: q.id, h: true }, { token: operatorAdmin.accessToken });
    let total = 1;
    for (let attempt = 0; attempt < 50 && total > 0; attempt++) {
      total = (await t.graphql(SEARCH, { q: 'scam prize' })).data!.search.totalCount;
      if (total > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(total).toBe(0);
    await t.graphql(hide, { p: q.id, h: false }, { token: operatorAdmin.accessToken });
    expect((await searchUntil('scam prize', 1)).data!.search.totalCount).toBe(1);
  });

  it("finds a private board's threads only for its members", async () => {
    const privateBoard = await createBoard(t, operatorAdmin, operatorSlug, { visibility: 'PRIVATE' });
    await setBoardRole(t, operatorAdmin, privateBoard.slug, asker.handle, 'MEMBER');
    await ask(t, asker, privateBoard.slug, { title: 'Beta firmware keeps rebooting the router' });
    let found = 0;
    for (let attempt = 0; attempt < 50 && found === 0; attempt++) {
      found = (await t.graphql(SEARCH, { q: 'beta firmware rebooting' }, { token: asker.accessToken })).data!.search
        .totalCount;
      if (found === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(found).toBe(1);
    expect(
      (await t.graphql(SEARCH, { q: 'beta firmware rebooting' }, { token: helper.accessToken })).data!.search
        .totalCount,
    ).toBe(0);
    expect((await t.graphql(SEARCH, { q: 'beta firmware rebooting' })).data!.search.totalCount).toBe(0);
  });

  it('rejects an empty or overlong query as bad input', async () => {
    expect((await t.graphql(SEARCH, { q: '   ' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.graphql(SEARCH, { q: 'x'.repeat(500) })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
