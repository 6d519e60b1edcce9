// The page a reader sees instead of the partner's site when a referral link cannot be followed:
// plain, translated, honest about why, and never an error dump.
import type { Locale } from '@helpboard/core';
import type { UnavailableReason } from './click.service.js';

type Reason = UnavailableReason | 'THROTTLED';

const TEXT: Record<Locale, { title: string; back: string; reasons: Record<Reason, string> }> = {
  en: {
    title: 'This referral link is not available',
    back: 'The answer it came from is still there; go back to keep reading.',
    reasons: {
      UNKNOWN: 'We could not find this link. It may have been mistyped.',
      DISABLED: 'This link has been turned off.',
      ENDED: 'The offer behind this link has ended.',
      PAUSED: 'The offer behind this link is paused for now.',
      NOT_ALLOWED: 'This offer is no longer allowed on the board where the link was posted.',
      OWNER_SUSPENDED:
        'The author of this link may earn a commission from partner offers; their account is suspended, so the link does not lead to the partner right now.',
      THROTTLED: 'Too many links were opened from your network in a short time. Please try again in a minute.',
    },
  },
  'zh-CN': {
    title: '该推荐链接暂不可用',
    back: '链接所在的回答仍然可以阅读，请返回继续浏览。',
    reasons: {
      UNKNOWN: '找不到该链接，可能输入有误。',
      DISABLED: '该链接已停用。',
      ENDED: '该链接对应的活动已结束。',
      PAUSED: '该链接对应的活动暂时停止。',
      NOT_ALLOWED: '该活动已不再被允许在发布链接的专版中推广。',
      OWNER_SUSPENDED: '该链接的作者可能通过合作方活动获得佣金；其账号已被停用，因此该链接暂不跳转到合作方。',
      THROTTLED: '你的网络在短时间内打开了过多链接，请一分钟后再试。',
    },
  },
};

const STATUS: Record<Reason, number> = {
  UNKNOWN: 404,
  DISABLED: 410,
  ENDED: 410,
  PAUSED: 404,
  NOT_ALLOWED: 410,
  OWNER_SUSPENDED: 410,
  THROTTLED: 429,
};

export function linkUnavailablePage(reason: Reason, locale: Locale): { status: number; html: string } {
  const text = TEXT[locale];
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${text.title}</title></head>
<body><main><h1>${text.title}</h1><p>${text.reasons[reason]}</p><p>${text.back}</p></main></body></html>
`;
  return { status: STATUS[reason], html };
}
