// Scores a post's text for tone (-1 very negative … +1 very positive) and urgency (0 … 1), and
// picks the terms trending topics count. English goes through the `sentiment` package (AFINN);
// Chinese through jieba segmentation and our lexicon. One scale for both, so thresholds agree.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import Sentiment from 'sentiment';
import { CHINESE_INTENSIFIERS, CHINESE_NEGATORS, CHINESE_SENTIMENT } from './chinese-lexicon.js';
import { CHINESE_URGENT, ENGLISH_URGENT } from './urgency-terms.js';

export type TextLanguage = 'en' | 'zh';

export interface TextScore {
  language: TextLanguage;
  /** tanh of the lexicon sum / 4: one strongly negative word is about -0.6, two about -0.9. */
  sentiment: number;
  /** 0 with no urgent word, 0.5 with one, 1 with two or more. */
  urgency: number;
  urgentTerms: string[];
  /** Distinct content words (at most `MAX_TERMS`), for trending topics. */
  terms: string[];
}

/** At or below this a post counts as negative. */
export const NEGATIVE_AT = -0.3;
export const MAX_TERMS = 12;

const HAN = /\p{Script=Han}/gu;
const english = new Sentiment();
let jieba: Jieba | undefined;
const segmenter = () => (jieba ??= Jieba.withDict(dict));

const ENGLISH_STOPWORDS = new Set(
  (
    'about after again also because been before being both could does doing down each from further have having here ' +
    'into just more most once only other over same should some such than that their them then there these they ' +
    'this those through under until very were what when where which while will with would your yours please thanks ' +
    'anyone know need want help how why the and for but not are was you can get has had any all one our out its'
  ).split(' '),
);
const CHINESE_STOPWORDS = new Set([
  '我们',
  '你们',
  '他们',
  '什么',
  '怎么',
  '为什么',
  '这个',
  '那个',
  '一个',
  '可以',
  '已经',
  '还是',
  '就是',
  '没有',
  '因为',
  '所以',
  '但是',
  '如果',
  '现在',
]);

export function detectLanguage(text: string): TextLanguage {
  const han = text.match(HAN)?.length ?? 0;
  const letters = text.match(/[A-Za-z]/g)?.length ?? 0;
  // A Han character carries about a word; Latin letters about a fifth of one.
  return han > letters / 5 ? 'zh' : 'en';
}

const squash = (sum: number) => Math.round(Math.tanh(sum / 4) * 1000) / 1000;
const urgencyOf = (terms: string[]) => Math.min(1, terms.length / 2);

export function scoreText(text: string): TextScore {
  const clean = text.replace(/```[\s\S]*?```|`[^`]*`|https?:\/\/\S+/g, ' ');
  return detectLanguage(clean) === 'zh' ? scoreChinese(clean) : scoreEnglish(clean);
}

function scoreEnglish(text: string): TextScore {
  const result = english.analyze(text);
  const words = text.toLowerCase().match(/[a-z][a-z'-]+/g) ?? [];
  const urgentTerms = [...new Set(words.filter((word) => ENGLISH_URGENT.has(word)))];
  const terms = [...new Set(words.filter((word) => word.length >= 4 && !ENGLISH_STOPWORDS.has(word)))];
  return {
    language: 'en',
    sentiment: squash(result.score),
    urgency: urgencyOf(urgentTerms),
    urgentTerms,
    terms: terms.slice(0, MAX_TERMS),
  };
}

function scoreChinese(text: string): TextScore {
  const tokens = segmenter()
    .cut(text, false)
    .map((token) => token.trim())
    .filter(Boolean);
  let sum = 0;
  for (let i = 0; i < tokens.length; i++) {
    // The pair first: 断+网 is 断网, 不+理人 is handled by the negator below.
    const pair = tokens[i] + (tokens[i + 1] ?? '');
    const word = CHINESE_SENTIMENT[pair] !== undefined ? pair : tokens[i];
    const weight = CHINESE_SENTIMENT[word];
    const before = tokens.slice(Math.max(0, i - 2), i);
    if (word === pair) i++;
    if (weight === undefined) continue;
    // A word that is itself a negation (不理人, 没信号) is not turned around again.
    const isNegated = !/^[不没]/.test(word) && before.some((token) => CHINESE_NEGATORS.has(token));
    const isIntensified = before.some((token) => CHINESE_INTENSIFIERS.has(token));
    sum += (isNegated ? -weight : weight) * (isIntensified ? 1.5 : 1);
  }
  const urgentTerms = CHINESE_URGENT.filter((term) => text.includes(term));
  const terms = [
    ...new Set(
      tokens.filter((token) => token.length >= 2 && /^\p{Script=Han}+$/u.test(token) && !CHINESE_STOPWORDS.has(token)),
    ),
  ];
  return {
    language: 'zh',
    sentiment: squash(sum),
    urgency: urgencyOf(urgentTerms),
    urgentTerms,
    terms: terms.slice(0, MAX_TERMS),
  };
}
