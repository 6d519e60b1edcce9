// Words for indexing and querying: Intl.Segmenter splits Chinese and Japanese into words (which
// have no spaces between them) and handles Latin text and digits alike; everything is lower-cased
// and NFKC-normalised so full-width and half-width forms match.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export function tokenize(text: string): string[] {
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (isWordLike) words.push(segment);
  }
  return words;
}

/** Whether a word is in a script without spaces: those are matched exactly, never fuzzily. */
export function isCjk(word: string): boolean {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(word);
}
