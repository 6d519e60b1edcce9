import { describe, expect, it } from '@jest/globals';
import { contentLang } from './content-lang.js';

describe('contentLang', () => {
  it.each([
    ['How do I enable roaming?', 'en'],
    ['漫游怎么收费？', 'zh-CN'],
    ['iPhone 15 怎么开通 VoLTE？', 'zh-CN'],
    ['What does 漫游 mean on my bill?', 'en'],
    ['', 'en'],
  ])('reads %s as %s', (text, lang) => {
    expect(contentLang(text)).toBe(lang);
  });

  it.each([
    ['Wie aktiviere ich Roaming?', ['de'], 'de'],
    ['漫遊怎麼收費？', ['zh-TW', 'en'], 'zh-TW'],
    ['ローミングの料金は？', ['ja'], 'ja'],
    ['How do I enable roaming?', ['ja', 'en'], 'en'],
    ['How do I enable roaming?', ['ja'], 'en'],
    ['漫游怎么收费？', ['de'], 'zh-CN'],
  ])('reads %s on a board in %j as %s', (text, languages, lang) => {
    expect(contentLang(text, languages)).toBe(lang);
  });
});
