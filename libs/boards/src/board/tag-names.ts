/** Tags are compared case-insensitively and without surrounding or repeated spaces. */
export function normaliseTags(tags: readonly string[]): string[] {
  const normalised = tags.map((tag) => tag.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean);
  return [...new Set(normalised)];
}
