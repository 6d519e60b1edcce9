// The behaviour every SearchPort adapter must show, as readers see it. Run for the embedded
// adapter always, and for Meilisearch whenever a server is reachable.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { SearchDocument, SearchPort } from '../search.port.js';

let day = 0;
function doc(id: string, overrides: Partial<SearchDocument>): SearchDocument {
  day += 1;
  return {
    id,
    title: '',
    body: '',
    answersText: '',
    tags: [],
    boardId: 'b1',
    boardSlug: 'shanghai-5g',
    operatorSlug: 'carrier',
    isPrivateBoard: false,
    status: 'OPEN',
    score: 0,
    answerCount: 0,
    hasAcceptedAnswer: false,
    hasOfficialAnswer: false,
    createdAt: new Date(Date.UTC(2026, 0, day)),
    lastActivityAt: new Date(Date.UTC(2026, 0, day)),
    ...overrides,
  };
}

export const SAMPLE: SearchDocument[] = [
  doc('t1', {
    title: 'How do I reset my account password?',
    body: 'The reset email never arrives.',
    tags: ['account', 'password'],
    score: 5,
    hasAcceptedAnswer: true,
  }),
  doc('t2', { title: '如何查询本月剩余流量', body: '我的套餐里有 30GB，怎么看还剩多少？', tags: ['流量'], score: 12 }),
  doc('t3', {
    title: '我的套餐怎么升级',
    body: '想从 4G 升级到 5G 套餐。',
    tags: ['套餐', '5g'],
    score: 3,
    hasOfficialAnswer: true,
  }),
  doc('t4', {
    title: 'Roaming charges in Japan',
    body: 'Data roaming was much more expensive than expected <script>alert(1)</script>.',
    tags: ['roaming', 'billing'],
    boardSlug: 'travel',
    operatorSlug: 'airline',
    status: 'CLOSED',
    score: 8,
  }),
  doc('t5', {
    title: 'パスワードをリセットする方法',
    body: 'メールが届きません',
    tags: ['password'],
    boardSlug: 'travel',
  }),
  doc('t7', {
    title: 'Beta firmware password prompt loops',
    body: 'Private beta board: the new firmware keeps asking for the password.',
    boardSlug: 'beta-testers',
    isPrivateBoard: true,
  }),
  doc('t6', {
    title: 'Password reset link expired',
    body: 'The link says it expired after an hour.',
    tags: ['password'],
    score: 1,
  }),
];

export function runSearchPortContract(name: string, makeAdapter: () => Promise<SearchPort>): void {
  describe(`${name}: SearchPort contract`, () => {
    let search: SearchPort;
    const ids = async (text: string, extra: Partial<Parameters<SearchPort['search']>[0]> = {}) =>
      (await search.search({ text, sort: 'RELEVANCE', limit: 20, offset: 0, ...extra })).hits.map((h) => h.id);

    beforeAll(async () => {
      search = await makeAdapter();
      await search.clear();
      await search.index(SAMPLE);
    });

    it('finds English text despite a typo', async () => {
      expect(await ids('pasword reset')).toEqual(expect.arrayContaining(['t1', 't6']));
    });

    it('finds Chinese by words, not whole strings, and does not match everything', async () => {
      expect(await ids('流量')).toEqual(['t2']);
      expect(await ids('套餐')).toEqual(expect.arrayContaining(['t2', 't3']));
      expect(await ids('升级')).toEqual(['t3']);
      expect(await ids('天气')).toEqual([]);
    });

    it('finds Japanese words and mixed Chinese/English', async () => {
      expect(await ids('リセット')).toEqual(['t5']);
      expect(await ids('5G 套餐')).toContain('t3');
    });

    it('filters by board, operator, status and tag', async () => {
      expect(await ids('password', { boardSlug: 'travel' })).toEqual(['t5']);
      expect(await ids('roaming expensive', { operatorSlug: 'carrier' })).toEqual([]);
      expect(await ids('roaming expensive', { operatorSlug: 'airline', status: 'CLOSED' })).toEqual(['t4']);
      expect(await ids('roaming expensive', { status: 'OPEN' })).toEqual([]);
      expect(await ids('password', { tags: ['account'] })).toEqual(['t1']);
    });

    it('sorts by votes and by date', async () => {
      const byVotes = await ids('password reset', { sort: 'VOTES' });
      expect(byVotes.indexOf('t1')).toBeLessThan(byVotes.indexOf('t6'));
      const newest = await ids('password', { sort: 'NEWEST' });
      expect(newest.indexOf('t6')).toBeLessThan(newest.indexOf('t1'));
    });

    it('pages through results, each exactly once', async () => {
      const all = await ids('password reset roaming 套餐');
      const paged: string[] = [];
      for (let offset = 0; offset < all.length; offset += 2)
        paged.push(...(await ids('password reset roaming 套餐', { limit: 2, offset })));
      expect(paged).toEqual(all);
    });

    it('highlights matches and never returns stored HTML unescaped', async () => {
      const { hits } = await search.search({ text: 'roaming expensive', sort: 'RELEVANCE', limit: 5, offset: 0 });
      expect(hits[0].titleHighlight).toContain('<mark>Roaming</mark>');
      expect(hits[0].snippet).toContain('<mark>expensive</mark>');
      expect(hits[0].snippet).not.toContain('<script>');
      expect(hits[0].snippet).toContain('&lt;script&gt;');
    });

    it('counts facets by board and tag over all matches', async () => {
      const page = await search.search({ text: 'password', sort: 'RELEVANCE', limit: 1, offset: 0 });
      expect(page.total).toBe(3);
      expect(page.facets.boards).toEqual([
        { value: 'shanghai-5g', count: 2 },
        { value: 'travel', count: 1 },
      ]);
      expect(page.facets.tags.find((f) => f.value === 'password')).toEqual({ value: 'password', count: 3 });
    });

    it("finds private boards' threads only for readers allowed on them", async () => {
      expect(await ids('firmware')).toEqual([]);
      expect(await ids('firmware', { privateBoards: ['other-board'] })).toEqual([]);
      expect(await ids('firmware', { privateBoards: ['beta-testers'] })).toEqual(['t7']);
      expect((await search.suggest('firmware password', undefined, 5)).map((h) => h.id)).not.toContain('t7');
    });

    it('updates in place on re-index and forgets removed documents', async () => {
      await search.index([{ ...SAMPLE[3], title: 'Roaming charges in Korea' }]);
      expect(await ids('Korea')).toEqual(['t4']);
      expect(await ids('Japan')).toEqual([]);
      await search.remove(['t4']);
      expect(await ids('roaming')).toEqual([]);
      await search.index([SAMPLE[3]]);
    });

    it('suggests answered threads first for a draft title', async () => {
      const suggestions = await search.suggest('reset password', 'shanghai-5g', 5);
      expect(suggestions.map((s) => s.id)).toEqual(['t1', 't6']);
    });

    it('ranks a suggestion by relevance to the draft before whether it is answered', async () => {
      await search.index([
        doc('sms1', {
          boardSlug: 'sms-board',
          title: 'Premium SMS charges on my bill',
          body: 'Who sends these premium SMS?',
        }),
        doc('sim1', {
          boardSlug: 'sms-board',
          title: 'SIM not provisioned after the upgrade',
          body: 'The phone says SIM not provisioned; no charges yet.',
          hasAcceptedAnswer: true,
        }),
      ]);
      const suggestions = await search.suggest('premium sms charges', 'sms-board', 5);
      expect(suggestions[0]?.id).toBe('sms1');
      expect(suggestions[0]?.titleHighlight).not.toMatch(/<mark>[a-z]<\/mark>/i);
      await search.remove(['sms1', 'sim1']);
    });
  });
}
