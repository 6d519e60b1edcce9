// User-facing strings, in English and Simplified Chinese. Each lib registers its own keys at
// import time; the API picks the language from the request (Accept-Language) or the user's locale.
import { selectPlurals } from './plural.js';

export const SUPPORTED_LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export type MessageTable = Record<string, string>;
export type Catalogue = Record<Locale, MessageTable>;

const catalogue: Catalogue = { en: {}, 'zh-CN': {} };

/** Adds keys to the catalogue; every key must exist in every supported language. */
export function registerMessages(messages: Catalogue): void {
  const englishKeys = Object.keys(messages.en).sort().join();
  for (const locale of SUPPORTED_LOCALES) {
    if (Object.keys(messages[locale]).sort().join() !== englishKeys) {
      throw new Error(`Message catalogue for ${locale} does not have the same keys as English`);
    }
    Object.assign(catalogue[locale], messages[locale]);
  }
}

/**
 * Replaces `{name}` placeholders and ICU plural blocks (`{count, plural, one {…} other {…}}`, by
 * CLDR rules); unknown keys fall back to English, then to the key itself.
 */
export function translate(key: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const template = selectPlurals(catalogue[locale][key] ?? catalogue.en[key] ?? key, locale, params);
  return template.replace(/\{(\w+)\}/g, (whole, name: string, at: number) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    return locale === 'zh-CN' ? spacedBetweenScripts(template[at - 1], value, template[at + whole.length]) : value;
  });
}

const HAN = /\p{Script=Han}/u;
const LATIN_OR_DIGIT = /[\p{Script=Latin}0-9]/u;
/** A space where Chinese text meets a Latin word or number (在 Mobile plans 提问), as Chinese typography asks. */
function spacedBetweenScripts(before: string | undefined, value: string, after: string | undefined): string {
  const meets = (han: string | undefined, latin: string | undefined) =>
    han !== undefined && latin !== undefined && HAN.test(han) && LATIN_OR_DIGIT.test(latin);
  const lead = meets(before, value[0]) ? ' ' : '';
  const trail = meets(after, value[value.length - 1]) ? ' ' : '';
  return `${lead}${value}${trail}`;
}

/** Best supported match for an Accept-Language header or a stored user locale. */
export function negotiateLocale(preference: string | undefined | null): Locale {
  if (!preference) return DEFAULT_LOCALE;
  const ranked = preference
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

registerMessages({
  en: {
    BAD_USER_INPUT: 'The input is not valid.',
    INVALID_INPUT: 'The input is not valid.',
    UNAUTHENTICATED: 'You need to sign in.',
    FORBIDDEN: 'You are not allowed to do that.',
    NOT_FOUND: '{entity} was not found.',
    ROUTE_NOT_FOUND: 'There is nothing at this address.',
    CONFLICT: 'That conflicts with existing data.',
    RATE_LIMITED: 'Too many attempts. Try again in {seconds, plural, one {# second} other {# seconds}}.',
    PRECONDITION_FAILED: 'That cannot be done in the current state.',
    INTERNAL_SERVER_ERROR: 'Something went wrong on our side.',
    INVALID_CURSOR: 'The cursor is not valid.',
    PAGE_SIZE_OUT_OF_RANGE: 'Must be between {min} and {max}.',
    QUERY_TOO_DEEP: 'The query is nested {depth} levels deep; at most {max} are allowed.',
    QUERY_TOO_COMPLEX: 'The query costs {cost}; at most {max} is allowed.',
    VARIABLES_TOO_DEEP: 'The variables nest more than {max} levels deep.',
    TOO_MANY_ALIASES: 'The query uses {count} aliases; at most {max} are allowed.',
    TOO_MANY_ROOT_FIELDS: 'The operation asks for {count} top-level fields; at most {max} are allowed.',
    QUERY_BUDGET_EXHAUSTED:
      'Anonymous clients may spend {max} query cost a minute. Sign in, or try again in {seconds} seconds.',
    INVALID_VALUE: 'This value is not valid.',
    LENGTH_OUT_OF_RANGE: 'Must be between {min} and {max} characters long.',
    TOO_LONG: 'Must be at most {max} characters long.',
    TOO_SHORT: 'Must be at least {min} characters long.',
    INVALID_EMAIL: 'Must be a valid e-mail address.',
    INVALID_URL: 'Must be a valid URL.',
    INVALID_FORMAT: 'Has the wrong format.',
    TOO_SMALL: 'Must be at least {min}.',
    TOO_LARGE: 'Must be at most {max}.',
    TOO_FEW_ITEMS: 'Needs at least {min} items.',
    TOO_MANY_ITEMS: 'Allows at most {max} items.',
    REQUIRED: 'Is required.',
  },
  'zh-CN': {
    BAD_USER_INPUT: '输入无效。',
    INVALID_INPUT: '输入无效。',
    UNAUTHENTICATED: '请先登录。',
    FORBIDDEN: '你无权执行此操作。',
    NOT_FOUND: '未找到{entity}。',
    ROUTE_NOT_FOUND: '此地址没有内容。',
    CONFLICT: '与现有数据冲突。',
    RATE_LIMITED: '尝试次数过多，请在 {seconds} 秒后重试。',
    PRECONDITION_FAILED: '当前状态下无法执行此操作。',
    INTERNAL_SERVER_ERROR: '服务器出错了。',
    INVALID_CURSOR: '分页游标无效。',
    PAGE_SIZE_OUT_OF_RANGE: '必须介于 {min} 和 {max} 之间。',
    QUERY_TOO_DEEP: '查询嵌套了 {depth} 层，最多允许 {max} 层。',
    QUERY_TOO_COMPLEX: '查询开销为 {cost}，最多允许 {max}。',
    VARIABLES_TOO_DEEP: '变量的嵌套超过 {max} 层。',
    TOO_MANY_ALIASES: '查询使用了 {count} 个别名，最多允许 {max} 个。',
    TOO_MANY_ROOT_FIELDS: '操作请求了 {count} 个顶层字段，最多允许 {max} 个。',
    QUERY_BUDGET_EXHAUSTED: '匿名客户端每分钟的查询开销上限为 {max}。请登录，或在 {seconds} 秒后重试。',
    INVALID_VALUE: '该值无效。',
    LENGTH_OUT_OF_RANGE: '长度必须在 {min} 到 {max} 个字符之间。',
    TOO_LONG: '最多 {max} 个字符。',
    TOO_SHORT: '至少 {min} 个字符。',
    INVALID_EMAIL: '必须是有效的电子邮件地址。',
    INVALID_URL: '必须是有效的网址。',
    INVALID_FORMAT: '格式不正确。',
    TOO_SMALL: '不能小于 {min}。',
    TOO_LARGE: '不能大于 {max}。',
    TOO_FEW_ITEMS: '至少需要 {min} 项。',
    TOO_MANY_ITEMS: '最多允许 {max} 项。',
    REQUIRED: '必填。',
  },
});
