// A board's question list as the board and tag pages show it: counts, title, tag links, sort tabs
// and the "more" link that keeps its place (a keyset cursor).
import { encodeCursor } from '@helpboard/core';
import type { Page, ThreadRecord } from '@helpboard/threads';
import { type BoardRecord, boardLanguages } from '@helpboard/boards';
import { html, type SafeHtml } from '../../render/html.js';
import { contentLang } from '../../render/content-lang.js';
import { tagPath, threadPath } from '../../render/urls.js';
import type { WebContext } from '../../http/web-context.js';

export const THREADS_PER_PAGE = 30;
export const THREAD_SORTS = ['active', 'newest', 'votes', 'unanswered'] as const;
export type ThreadSortName = (typeof THREAD_SORTS)[number];

export const sortOf = (value: string | undefined): ThreadSortName =>
  THREAD_SORTS.find((sort) => sort === value) ?? 'active';

/** Sort tabs linking to `path` with `?sort=` (and any other parameters given). */
export function sortTabs(ctx: WebContext, path: string, current: ThreadSortName, extra: Record<string, string> = {}) {
  const tabs = THREAD_SORTS.map(
    (sort) =>
      html`<li><a href="${`${path}?${new URLSearchParams({ sort, ...extra })}`}"${sort === current ? html` aria-current="page"` : null}>${ctx.t(`web.board.sort.${sort}`)}</a></li>`,
  );
  return html`<nav aria-label="${ctx.t('web.board.sortBy')}"><ul class="pill-nav">${tabs}</ul></nav>`;
}

/** The list card and the "more" link; `page` was read with one row more than THREADS_PER_PAGE. */
export function threadList(
  ctx: WebContext,
  board: Pick<BoardRecord, 'slug' | 'settingsOverrides'>,
  page: Page<ThreadRecord>,
  moreHref: (cursor: string) => string,
): SafeHtml {
  const { t } = ctx;
  const rows = page.rows.slice(0, THREADS_PER_PAGE);
  const languages = boardLanguages(board);
  const items = rows.map(
    (thread) => html`<li>
<div class="stats"><div>${t('web.board.votes', { count: thread.score })}</div><div class="${thread.acceptedAnswerId ? 'answered' : ''}">${t('web.board.answers', { count: thread.answerCount })}</div></div>
<div>${thread.isPinned ? html`<span class="label official">${t('web.board.pinned')}</span> ` : null}<a href="${threadPath({ id: thread._id.toHexString(), title: thread.title })}" lang="${contentLang(thread.title, languages)}">${thread.title}</a>
<div>${thread.tags.map((tag) => html`<a class="tag" href="${tagPath(board.slug, tag)}">${tag}</a>`)}</div></div></li>`,
  );
  const more =
    page.rows.length > THREADS_PER_PAGE
      ? html`<p><a class="button secondary" href="${moreHref(encodeCursor(page.cursorOf(rows.at(-1)!) as never))}">${t('web.board.more')}</a></p>`
      : null;
  return html`<section class="card">${rows.length ? html`<ul class="plain threads">${items}</ul>` : html`<p class="muted">${t('web.board.empty')}</p>`}</section>${more}`;
}
