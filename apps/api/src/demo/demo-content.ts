// Demo content for `npm run demo`, written for Helpboard (not taken from anywhere): a carrier's
// English support board and its Chinese board. Authors are keys of DEMO_PEOPLE.

export interface DemoAnswer {
  author: string;
  body: string;
  comments?: { author: string; body: string }[];
  upvoters?: string[];
  downvoters?: string[];
  /** Accepted by the asker. */
  isAccepted?: boolean;
  /** Marked official by the board's staff. */
  isOfficial?: boolean;
}

export interface DemoQuestion {
  author: string;
  title: string;
  body: string;
  tags: string[];
  upvoters?: string[];
  comments?: { author: string; body: string }[];
  answers: DemoAnswer[];
}

export interface DemoBoard {
  slug: string;
  title: string;
  description: string;
  region: string;
  questions: DemoQuestion[];
}

export const DEMO_PEOPLE: Record<string, { displayName: string; locale: 'en' | 'zh-CN' }> = {
  maya: { displayName: 'Maya Okafor', locale: 'en' },
  tom: { displayName: 'Tom Lindqvist', locale: 'en' },
  priya: { displayName: 'Priya Raman', locale: 'en' },
  'sam-staff': { displayName: 'Sam (Helpboard Mobile staff)', locale: 'en' },
  wei: { displayName: '王伟', locale: 'zh-CN' },
  lina: { displayName: '李娜', locale: 'zh-CN' },
  chen: { displayName: '陈晨', locale: 'zh-CN' },
  'mia-mod': { displayName: 'Mia (community moderator)', locale: 'en' },
};

export const STAFF_REP = 'sam-staff';
/** Moderator on every demo board: works the review queue and flags. */
export const MODERATOR = 'mia-mod';
/** Signs up last and asks on a board that reviews first posts, so the review queue has an item. */
export const NEWCOMER = { handle: 'nico-new', displayName: 'Nico (new member)', locale: 'en' as const };

export const DEMO_BOARDS: DemoBoard[] = [
  {
    slug: 'demo-mobile-en',
    title: 'Mobile plans and roaming',
    description: 'Questions about plans, bills, roaming and phones, answered by customers and staff.',
    region: 'GB',
    questions: [
      {
        author: 'maya',
        title: 'Why does my phone say "SIM not provisioned" after I moved to a new plan?',
        body: 'I switched from the prepaid plan to the 30 GB monthly plan yesterday. Since this morning the phone shows **SIM not provisioned** and I cannot call or use data. I have restarted it twice. Do I need a new SIM card?',
        tags: ['sim', 'plans'],
        upvoters: ['tom', 'priya'],
        comments: [{ author: 'tom', body: 'Which phone is it? Some older models cache the old profile.' }],
        answers: [
          {
            author: 'tom',
            body: 'Usually not. A plan change re-provisions the SIM overnight; if it did not finish, turn **airplane mode** on for 30 seconds and off again, then check *Settings → Mobile network → Carrier* and pick the network manually once.',
            upvoters: ['maya', 'priya'],
            isAccepted: true,
            comments: [{ author: 'maya', body: 'Airplane mode did it, thank you!' }],
          },
          {
            author: 'sam-staff',
            body: 'Staff here. Plan changes are applied between 01:00 and 05:00. If the message is still there after a restart the next day, open a support case from the app and we re-send the profile; a new SIM is only needed for SIMs older than 2016.',
            upvoters: ['maya', 'tom', 'priya'],
            isOfficial: true,
          },
        ],
      },
      {
        author: 'priya',
        title: 'Is roaming in Switzerland included in the EU roaming allowance?',
        body: 'I travel to Zurich next week. My plan includes "EU roaming at home prices". Switzerland is not in the EU — will I be charged per megabyte there?',
        tags: ['roaming', 'billing'],
        upvoters: ['maya'],
        answers: [
          {
            author: 'maya',
            body: 'Switzerland is a separate zone on most plans. Check the roaming page in the app: it shows the price per zone, and you can buy a 1 GB day pass before you leave.',
            upvoters: ['priya'],
          },
          {
            author: 'tom',
            body: 'Last month I was in Geneva and it was charged as zone 2, about 3 per MB without a pass. Definitely buy the pass.',
            upvoters: ['priya'],
            downvoters: ['maya'],
          },
        ],
      },
      {
        author: 'tom',
        title: 'How do I stop premium SMS charges on my bill?',
        body: 'My last bill had three charges from a short code I never subscribed to. How can I block these and get the money back?',
        tags: ['billing', 'sms'],
        answers: [],
      },
    ],
  },
  {
    slug: 'demo-mobile-zh',
    title: '手机套餐与漫游（中文）',
    description: '套餐、账单、漫游和手机设置的问答，由用户和客服共同解答。',
    region: 'CN',
    questions: [
      {
        author: 'wei',
        title: '换了新套餐以后流量显示不对，怎么办？',
        body: '我昨天从 10GB 套餐换成了 30GB 套餐，但是 App 里剩余流量还是按 10GB 计算。是要等到下个月才生效吗？',
        tags: ['套餐', '流量'],
        upvoters: ['lina', 'chen'],
        comments: [{ author: 'lina', body: '你是在 App 里办理的还是在营业厅办理的？' }],
        answers: [
          {
            author: 'lina',
            body: '一般是**次月生效**。如果选择了“立即生效”，当天的流量会按比例折算，App 里的显示大约要过几个小时才会刷新。',
            upvoters: ['wei', 'chen'],
            isAccepted: true,
          },
          {
            author: 'sam-staff',
            body: '客服回复：立即生效的套餐变更会在 2 小时内同步到 App。如果超过 24 小时仍未更新，请在 App 的“我的客服”里提交工单，我们会人工核对。',
            upvoters: ['wei'],
            isOfficial: true,
            comments: [{ author: 'wei', body: '明白了，谢谢！' }],
          },
        ],
      },
      {
        author: 'chen',
        title: '去日本旅游，开通国际漫游还是买当地电话卡划算？',
        body: '下个月去东京一周，主要用地图和微信。开通国际漫游日包和在当地买电话卡，哪个更划算？',
        tags: ['漫游', '资费'],
        upvoters: ['wei'],
        answers: [
          {
            author: 'wei',
            body: '一周的话建议买漫游日包，每天固定费用，不用换卡，微信和短信验证码都能正常收。',
            upvoters: ['chen'],
          },
        ],
      },
      {
        author: 'lina',
        title: '如何关闭自动续订的增值业务？',
        body: '账单上每月多了一项 10 元的“视频会员”，我从来没有订过。怎么查看并关闭这些增值业务？',
        tags: ['账单'],
        answers: [],
      },
    ],
  },
];
