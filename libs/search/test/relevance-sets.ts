// Questions to measure relevance with: real ones from the Stack Exchange sample in ../shared
// (CC BY-SA, read from there, not copied), and a Chinese set written for Helpboard's boards.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SearchDocument } from '../src/search.port.js';

export const SE_SAMPLE_DIR =
  process.env.SE_FIXTURE_DIR ??
  fileURLToPath(new URL('../../../../shared/fixtures/stackexchange-sample', import.meta.url));

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

const stripTags = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function rows(xml: string): Record<string, string>[] {
  return [...xml.matchAll(/<row ([^>]*)\/>/g)].map((match) =>
    Object.fromEntries([...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((attr) => [attr[1], decode(attr[2])])),
  );
}

/** Questions of the sample with their answers' text, or null when the sample is not there. */
export function stackExchangeQuestions(): SearchDocument[] | null {
  const file = `${SE_SAMPLE_DIR}/Posts.xml`;
  if (!existsSync(file)) return null;
  const posts = rows(readFileSync(file, 'utf8'));
  const answers = new Map<string, string[]>();
  for (const post of posts.filter((p) => p.PostTypeId === '2')) {
    answers.set(post.ParentId, [...(answers.get(post.ParentId) ?? []), stripTags(post.Body ?? '')]);
  }
  return posts
    .filter((post) => post.PostTypeId === '1')
    .map((post) => ({
      id: post.Id,
      title: post.Title ?? '',
      body: stripTags(post.Body ?? ''),
      answersText: (answers.get(post.Id) ?? []).join('\n'),
      tags: (post.Tags ?? '').split(/[<>|]/).filter(Boolean),
      boardId: 'se',
      boardSlug: 'french-meta',
      operatorSlug: 'stack-exchange',
      isPrivateBoard: false,
      status: post.ClosedDate ? 'CLOSED' : 'OPEN',
      score: Number(post.Score ?? 0),
      answerCount: Number(post.AnswerCount ?? 0),
      hasAcceptedAnswer: Boolean(post.AcceptedAnswerId),
      hasOfficialAnswer: false,
      createdAt: new Date(`${post.CreationDate}Z`),
      lastActivityAt: new Date(`${post.LastActivityDate ?? post.CreationDate}Z`),
    }));
}

const CHINESE: [string, string][] = [
  ['如何查询本月剩余流量', '我的套餐里有三十个G的流量，想知道这个月还剩多少。'],
  ['套餐升级以后月租什么时候生效', '今天把四G套餐升级成五G套餐，新的月租从哪天开始算？'],
  ['国际漫游怎么开通', '下周去日本出差，手机需要提前开通国际漫游吗？'],
  ['手机突然没有信号怎么办', '在家里信号一直很好，昨天开始完全没有信号了。'],
  ['宽带经常掉线', '家里光纤宽带每天晚上都会掉线好几次，路由器已经重启过。'],
  ['话费账单里有不认识的扣费', '这个月账单多了一项增值业务扣费，我没有订购过。'],
  ['如何补办手机卡', '手机卡丢了，补办新卡需要带什么证件，原来的号码能保留吗？'],
  ['携号转网需要什么条件', '想把号码转到其他运营商，合约期还没到可以转吗？'],
  ['积分怎么兑换话费', '账户里有五千积分，在哪里可以兑换成话费？'],
  ['五G网络覆盖范围查询', '我们小区有没有五G覆盖，怎么查询？'],
  ['电子发票怎么开', '每个月的话费需要开电子发票报销，在哪里申请？'],
  ['停机保号怎么办理', '出国一年，手机号想保留但不用，停机保号每月收多少钱？'],
  ['副卡共享流量设置', '主卡的流量能不能共享给家里人的副卡？'],
  ['游戏延迟太高', '玩手机游戏的时候延迟经常三百多毫秒，用的是五G网络。'],
  ['短信验证码收不到', '注册银行应用的时候一直收不到短信验证码。'],
  ['来电显示业务怎么取消', '不想再付来电显示的费用，怎么取消这个业务？'],
  ['流量超出后怎么收费', '套餐流量用完以后，超出的部分按什么标准收费？'],
  ['家庭宽带提速', '现在是一百兆宽带，想提速到一千兆需要换光猫吗？'],
  ['营业厅营业时间', '周末营业厅几点开门，可以办理过户吗？'],
  ['视频会员权益领取', '套餐里包含的视频会员权益在哪里领取？'],
];

export function chineseQuestions(): SearchDocument[] {
  return CHINESE.map(([title, body], index) => ({
    id: `zh${index}`,
    title,
    body,
    answersText: '',
    tags: [],
    boardId: 'zh',
    boardSlug: 'zh-support',
    operatorSlug: 'carrier',
    isPrivateBoard: false,
    status: 'OPEN',
    score: 0,
    answerCount: 0,
    hasAcceptedAnswer: false,
    hasOfficialAnswer: false,
    createdAt: new Date(Date.UTC(2026, 0, index + 1)),
    lastActivityAt: new Date(Date.UTC(2026, 0, index + 1)),
  }));
}
