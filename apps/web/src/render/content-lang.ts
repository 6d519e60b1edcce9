// The language of what people wrote, for its `lang` attribute: the page's `lang` is the reader's
// UI language, and a Chinese question on an English page (or the reverse) must still be read
// aloud, hyphenated and shaped as what it is.
import type { Locale } from '@helpboard/core';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /\p{Script=Latin}+/gu;

/**
 * Chinese when Han characters are at least as many as Latin words (a Chinese sentence that names
 * "iPhone" or "VoLTE" stays Chinese; an English one quoting 漫游 stays English).
 */
export function contentLang(text: string): Locale {
  const han = text.match(HAN)?.length ?? 0;
  if (han === 0) return 'en';
  return han >= (text.match(LATIN_WORD)?.length ?? 0) ? 'zh-CN' : 'en';
}
