// Synthetic but realistic threads for the search benchmark: carrier support questions in English
// and Chinese built from a vocabulary, so the index has many distinct terms.
import type { SearchDocument } from '@helpboard/search';

const EN = [
  'roaming',
  'voicemail',
  'invoice',
  'billing',
  'signal',
  'tower',
  'router',
  'fiber',
  'upgrade',
  'plan',
  'data',
  'balance',
  'refund',
  'sim',
  'esim',
  'port',
  'number',
  'contract',
  'hotspot',
  'tethering',
  'speed',
  'latency',
  'coverage',
  'outage',
  'password',
  'account',
  'app',
  'payment',
  'autopay',
  'credit',
];
const ZH = [
  '流量',
  '套餐',
  '漫游',
  '话费',
  '账单',
  '信号',
  '宽带',
  '路由器',
  '升级',
  '退款',
  '号码',
  '合约',
  '热点',
  '网速',
  '覆盖',
  '故障',
  '密码',
  '账户',
  '积分',
  '发票',
];

function pick<T>(list: T[], seed: number, offset: number): T {
  return list[(seed * 7919 + offset * 104729) % list.length];
}

export function syntheticDocuments(count: number, boardSlug: string, ids?: string[]): SearchDocument[] {
  return Array.from({ length: count }, (_, i) => {
    const words = [0, 1, 2, 3, 4].map((k) => pick(EN, i, k));
    const zh = [0, 1, 2].map((k) => pick(ZH, i, k));
    return {
      id: ids?.[i] ?? `doc${i}`,
      title: `${words[0]} ${words[1]} problem with my ${words[2]} ${zh[0]}${zh[1]}`,
      body: `Since last week the ${words[3]} and ${words[4]} stopped working. 我的${zh[2]}也有问题。 Case ${i}.`,
      answersText: `Try resetting the ${words[1]} settings, then check the ${words[4]}.`,
      tags: [words[0], zh[0]],
      boardId: 'bench',
      boardSlug,
      operatorSlug: 'bench-operator',
      isPrivateBoard: false,
      status: 'OPEN',
      score: i % 50,
      answerCount: i % 3,
      hasAcceptedAnswer: i % 4 === 0,
      hasOfficialAnswer: false,
      createdAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
      lastActivityAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
    };
  });
}

export const QUERIES = [
  'roaming invoice',
  'signal tower outage',
  '流量 套餐',
  'password account',
  'router fiber speed',
  '话费 账单',
  'esim port number',
  'hotspot tethering',
];
