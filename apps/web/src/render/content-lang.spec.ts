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
});
