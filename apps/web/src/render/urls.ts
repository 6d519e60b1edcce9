// The site's URL shapes in one place, so links, canonical URLs and the sitemap agree.

/** A readable URL segment from a title in any script: letters and digits joined by dashes. */
export function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'question';
}

export const threadPath = (thread: { id: string; title: string }) =>
  `/t/${thread.id}/${encodeURIComponent(slugify(thread.title))}`;
export const boardPath = (slug: string) => `/b/${encodeURIComponent(slug)}`;
export const operatorPath = (slug: string) => `/o/${encodeURIComponent(slug)}`;
export const userPath = (handle: string) => `/u/${encodeURIComponent(handle)}`;
export const tagIndexPath = (boardSlug: string) => `${boardPath(boardSlug)}/tags`;
export const tagPath = (boardSlug: string, tag: string) => `${tagIndexPath(boardSlug)}/${encodeURIComponent(tag)}`;
