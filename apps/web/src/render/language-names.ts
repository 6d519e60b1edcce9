// Content languages by name in the reader's language ("German", "Chinese (Taiwan)"), from the
// runtime's ICU data: no catalogue entry per language.

/** The names of BCP 47 tags in `locale`, each tag as given where the runtime has no name for it. */
export function languageNames(locale: string, tags: readonly string[]): string[] {
  const names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
  return tags.map((tag) => names.of(tag) ?? tag);
}
