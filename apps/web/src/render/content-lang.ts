// The language of what people wrote, for its `lang` attribute: the page's `lang` is the reader's
// UI language, and a Chinese question on an English page (or the reverse) must still be read
// aloud, hyphenated and shaped as what it is. The board's content languages (its settings) say
// which language that is: Han text on a Japanese board is Japanese, Latin text on a German one German.

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /\p{Script=Latin}+/gu;
/** Languages written mostly in Han characters. */
const HAN_LANGUAGE = /^(zh|ja)(-|$)/;

/**
 * Han text when Han characters are at least as many as Latin words (a Chinese sentence that names
 * "iPhone" or "VoLTE" stays Chinese; an English one quoting 漫游 stays English); then the board's
 * first language of that kind, else `zh-CN` or `en`.
 */
export function contentLang(text: string, boardLanguages: readonly string[] = []): string {
  const han = text.match(HAN)?.length ?? 0;
  const isHan = han > 0 && han >= (text.match(LATIN_WORD)?.length ?? 0);
  return boardLanguages.find((tag) => HAN_LANGUAGE.test(tag) === isHan) ?? (isHan ? 'zh-CN' : 'en');
}
