// One question or answer on a thread page: votes, body, labels, author card, comments and the
// actions the reader may take, each with the rule message (if any) right beside it.
import { COMMENT_EDIT_WINDOW_MS, type CommentRecord, imagesAsLinks, type PostRecord } from '@helpboard/threads';
import { boardLanguages, showsRemoteImages } from '@helpboard/boards';
import { html, type SafeHtml, trustedHtml } from '../../render/html.js';
import { userPath } from '../../render/urls.js';
import { avatar } from '../../render/avatar.js';
import { contentLang } from '../../render/content-lang.js';
import { csrfField } from '../../layout/layout.js';
import type { WebContext } from '../../http/web-context.js';
import type { AuthorCard, ThreadPageData } from './thread-page.data.js';
import { shareControl } from './bounty-share.view.js';
import { composerTools } from '../../render/composer.js';

/** A rule refusal to show next to one control (from the query string after a plain form post). */
export interface RuleNotice {
  at: string;
  message: string;
}

export const FLAG_REASONS = ['SPAM', 'OFFENSIVE', 'OFF_TOPIC', 'DUPLICATE', 'NEEDS_STAFF', 'OTHER'] as const;

export function ruleAt(ctx: WebContext, notice: RuleNotice | null, at: string): SafeHtml {
  const message = notice?.at === at ? notice.message : '';
  return html`<p class="rule" data-rule role="status" id="rule-${at}">${message}</p>`;
}

export function authorCard(ctx: WebContext, card: AuthorCard | undefined, at: Date, verbKey: string): SafeHtml {
  if (!card) return html``;
  const { t } = ctx;
  const badges = card.badges
    .filter((b) => b.kind !== 'OFFICIAL_EXPERT')
    .slice(0, 3)
    .map((b) => html`<span class="badge ${b.tier.toLowerCase()}">${t(`web.badge.${b.kind}`)}</span>`);
  return html`<div class="author">
<span class="muted">${t(verbKey)} <time datetime="${at.toISOString()}">${formatDate(ctx, at)}</time></span>
<a class="who" href="${userPath(card.user.handle)}">${avatar(card.user, 'medium')} ${card.user.displayName}</a>
<span title="${t('web.author.reputation')}"><span class="vh">${t('web.author.reputation')}: </span>${card.reputation}</span>
${card.isStaff ? html`<span class="badge staff">${t('web.author.staff')}</span>` : null}
${card.isOfficialExpert ? html`<span class="badge expert">${t('web.author.officialExpert')}</span>` : null}
${badges}
</div>`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Formatters are costly to build and a page formats dozens of dates: one per locale. */
export function formatDate(ctx: WebContext, date: Date): string {
  let format = dateFormats.get(ctx.locale);
  if (!format) {
    format = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(ctx.locale, format);
  }
  return format.format(date);
}

function voteBox(ctx: WebContext, data: ThreadPageData, post: PostRecord, notice: RuleNotice | null): SafeHtml {
  const { t } = ctx;
  const id = post._id.toHexString();
  const score = html`<span class="score" aria-label="${t('web.post.score', { score: post.score })}">${post.score}</span>`;
  if (!ctx.viewer) {
    const login = `/login?next=${encodeURIComponent(ctx.path)}`;
    return html`<div class="votes"><a class="button secondary" href="${login}" aria-label="${t('web.post.upvote')}">▲</a>${score}<a class="button secondary" href="${login}" aria-label="${t('web.post.downvote')}">▼</a></div>`;
  }
  const current = data.viewerVotes.get(id);
  const button = (direction: 'UP' | 'DOWN', symbol: string, label: string) => {
    const isOn = current === (direction === 'UP' ? 1 : -1);
    return html`<button type="submit" name="direction" data-dir="${direction}" value="${isOn ? 'NONE' : direction}" aria-pressed="${String(isOn)}" aria-label="${t(label)}">${symbol}</button>`;
  };
  return html`<div class="votes"><form method="post" action="/p/${id}/vote" data-enhance>${csrfField(ctx)}
<input type="hidden" name="t" value="${data.thread._id.toHexString()}">
${button('UP', '▲', 'web.post.upvote')}${score}${button('DOWN', '▼', 'web.post.downvote')}
${ruleAt(ctx, notice, `vote-${id}`)}</form></div>`;
}

function comments(ctx: WebContext, data: ThreadPageData, post: PostRecord, notice: RuleNotice | null): SafeHtml {
  const { t } = ctx;
  const id = post._id.toHexString();
  const list: CommentRecord[] = data.comments.get(id) ?? [];
  const items = list.map((c) => {
    const author = data.authors.get(c.authorId.toHexString());
    return html`<li id="c-${c._id.toHexString()}"><span class="body" lang="${contentLang(c.body, boardLanguages(data.board))}">${trustedHtml(shownOnBoard(data, c.bodyHtml))}</span> – ${
      author ? html`<a href="${userPath(author.user.handle)}">${author.user.displayName}</a>` : null
    }${author?.isStaff ? html` <span class="badge staff">${t('web.author.staff')}</span>` : null} <time class="muted small" datetime="${c.createdAt.toISOString()}">${formatDate(ctx, c.createdAt)}</time>${
      c.editedAt ? html` <span class="muted small">${t('web.comment.edited')}</span>` : null
    }${commentControls(ctx, data, c, notice)}</li>`;
  });
  const form = ctx.viewer
    ? html`<details${notice?.at === `comment-${id}` ? html` open` : null}><summary>${t('web.post.addComment')}</summary>
<form method="post" action="/p/${id}/comment">${csrfField(ctx)}<input type="hidden" name="t" value="${data.thread._id.toHexString()}">
<label for="comment-${id}">${t('web.post.comment')}</label><textarea id="comment-${id}" name="body" maxlength="600" required></textarea>
${ruleAt(ctx, notice, `comment-${id}`)}<button type="submit">${t('web.post.addComment')}</button></form></details>`
    : null;
  return html`<section class="comments" id="comments-${id}" aria-label="${t('web.post.comments')}">${items.length ? html`<ul class="plain">${items}</ul>` : null}${form}</section>`;
}

/**
 * The author edits a comment for 5 minutes (SE) and deletes it at any time; the board's moderators
 * delete any. The server decides again; these only spare people a refusal.
 */
function commentControls(
  ctx: WebContext,
  data: ThreadPageData,
  comment: CommentRecord,
  notice: RuleNotice | null,
): SafeHtml | null {
  if (!ctx.viewer) return null;
  const { t } = ctx;
  const id = comment._id.toHexString();
  const isAuthor = comment.authorId.toHexString() === ctx.viewer.actor.userId;
  const isModerator = data.viewerRole === 'MODERATOR' || data.viewerRole === 'OWNER';
  const now = data.now ?? new Date(0);
  const isEditable = isAuthor && now.getTime() - comment.createdAt.getTime() <= COMMENT_EDIT_WINDOW_MS;
  if (!isAuthor && !isModerator) return null;
  const threadField = html`<input type="hidden" name="t" value="${data.thread._id.toHexString()}">`;
  return html` <span class="comment-actions">${
    isEditable
      ? html`<details${notice?.at === `cedit-${id}` ? html` open` : null}><summary>${t('web.comment.edit')}</summary>
<form method="post" action="/c/${id}/edit">${csrfField(ctx)}${threadField}<label for="cedit-${id}">${t('web.post.comment')}</label><textarea id="cedit-${id}" name="body" maxlength="600" required>${comment.body}</textarea>
<button type="submit">${t('web.comment.save')}</button></form></details>`
      : null
  }<form method="post" action="/c/${id}/delete" class="inline">${csrfField(ctx)}${threadField}<button type="submit" class="linkish">${t('web.comment.delete')}</button></form>${ruleAt(ctx, notice, `cedit-${id}`)}</span>`;
}

/** A question's edit also changes the thread's title and tags (as the GraphQL edit allows). */
function questionFields(ctx: WebContext, data: ThreadPageData, id: string): SafeHtml {
  const { t } = ctx;
  return html`<label for="title-${id}">${t('web.field.title')}</label><input id="title-${id}" name="title" required value="${data.thread.title}">
<label for="tags-${id}">${t('web.field.tags')}</label><input id="tags-${id}" name="tags" value="${data.thread.tags.join(', ')}" aria-describedby="tags-hint-${id}" list="edit-tags-${id}" autocomplete="off">
<p class="hint" id="tags-hint-${id}">${t('web.ask.tagsHint')}</p><datalist id="edit-tags-${id}">${data.board.tags.map((tag) => html`<option value="${tag}"></option>`)}</datalist>`;
}

function actions(ctx: WebContext, data: ThreadPageData, post: PostRecord, notice: RuleNotice | null): SafeHtml | null {
  if (!ctx.viewer) return null;
  const { t } = ctx;
  const id = post._id.toHexString();
  const threadField = html`<input type="hidden" name="t" value="${data.thread._id.toHexString()}">`;
  const isAnswer = post.kind === 'ANSWER';
  const isAsker = data.thread.authorId.toHexString() === ctx.viewer.actor.userId;
  // Others' posts are edited by those with the privilege; the form is offered to authors and the
  // board's team (others get the rule's message if they try through the API).
  const isAuthor = post.authorId.toHexString() === ctx.viewer.actor.userId;
  const isStaff = data.viewerRole === 'STAFF' || data.viewerRole === 'MODERATOR' || data.viewerRole === 'OWNER';
  const toggle = (kind: 'accept' | 'official', isOn: boolean, onKey: string, offKey: string) =>
    html`<form method="post" action="/p/${id}/${kind}" data-enhance>${csrfField(ctx)}${threadField}<input type="hidden" name="value" value="${isOn ? '0' : '1'}"><button type="submit" class="secondary">${t(isOn ? offKey : onKey)}</button>${ruleAt(ctx, notice, `${kind}-${id}`)}</form>`;
  // No reason is chosen for the reader: a flag says what they saw, not the form's default.
  const flagOptions = [
    html`<option value="" selected disabled>${t('web.flag.choose')}</option>`,
    ...FLAG_REASONS.map((r) => html`<option value="${r}">${t(`web.flag.${r}`)}</option>`),
  ];
  return html`<div class="actions">
${isAnswer && isAsker ? toggle('accept', post.isAccepted, 'web.post.accept', 'web.post.unaccept') : null}
${isAnswer && isStaff ? toggle('official', post.isOfficial, 'web.post.markOfficial', 'web.post.unmarkOfficial') : null}
${
  isAuthor || isStaff
    ? html`<details${notice?.at === `edit-${id}` ? html` open` : null}><summary>${t('web.post.edit')}</summary>
<form method="post" action="/p/${id}/edit">${csrfField(ctx)}${threadField}
${isAnswer ? null : questionFields(ctx, data, id)}<label for="edit-${id}">${t('web.post.body')}</label>${composerTools(ctx, `edit-${id}`, data.board.slug)}<textarea id="edit-${id}" name="body" required>${post.body}</textarea>
<label for="summary-${id}">${t('web.post.editSummary')}</label><input id="summary-${id}" name="summary" maxlength="300">
${ruleAt(ctx, notice, `edit-${id}`)}<button type="submit">${t('web.post.saveEdit')}</button></form></details>`
    : null
}
${isAuthor && !post.hiddenAt ? deleteOwnPost(ctx, id, threadField, notice) : null}
${
  isAuthor
    ? null
    : html`<details${notice?.at === `flag-${id}` ? html` open` : null}><summary>${t('web.post.flag')}</summary>
<form method="post" action="/p/${id}/flag" data-enhance>${csrfField(ctx)}${threadField}
<label for="flag-${id}">${t('web.flag.reason')}</label><select id="flag-${id}" name="reason" required>${flagOptions}</select>
<label for="note-${id}">${t('web.flag.note')}</label><input id="note-${id}" name="note" maxlength="500">
${ruleAt(ctx, notice, `flag-${id}`)}<button type="submit" class="secondary">${t('web.post.flag')}</button></form></details>`
}
</div>`;
}

/** An author's own delete button: the server applies SE's rules and says why when it refuses. */
function deleteOwnPost(ctx: WebContext, id: string, threadField: SafeHtml, notice: RuleNotice | null): SafeHtml {
  const { t } = ctx;
  return html`<details${notice?.at === `delete-${id}` ? html` open` : null}><summary>${t('web.post.delete')}</summary>
<form method="post" action="/p/${id}/delete">${csrfField(ctx)}${threadField}<p class="hint">${t('web.post.deleteHint')}</p>
${ruleAt(ctx, notice, `delete-${id}`)}<button type="submit" class="secondary">${t('web.post.deleteConfirm')}</button></form></details>`;
}

/** A post's HTML as its board shows it: remote images as links where the board says so (the API does the same). */
function shownOnBoard(data: ThreadPageData, bodyHtml: string): string {
  return showsRemoteImages(data.board) ? bodyHtml : imagesAsLinks(bodyHtml);
}

export function postView(ctx: WebContext, data: ThreadPageData, post: PostRecord, notice: RuleNotice | null): SafeHtml {
  const { t } = ctx;
  const id = post._id.toHexString();
  const isAnswer = post.kind === 'ANSWER';
  const classes = ['card', 'post', post.isAccepted ? 'accepted' : '', post.isOfficial ? 'official' : '']
    .filter(Boolean)
    .join(' ');
  const labels = [
    post.isAccepted ? html`<span class="label accepted">✓ ${t('web.post.accepted')}</span>` : null,
    post.isOfficial ? html`<span class="label official">★ ${t('web.post.official')}</span>` : null,
    post.hiddenAt ? html`<span class="label closed">${t('web.post.hidden')}</span>` : null,
    data.disclosures.has(id) ? html`<span class="label disclosure">${t('REFERRAL_DISCLOSURE')}</span>` : null,
  ].filter(Boolean);
  return html`<article class="${classes}" id="${isAnswer ? `a-${id}` : 'question'}" aria-label="${t(isAnswer ? 'web.post.answer' : 'web.post.question')}">
${voteBox(ctx, data, post, notice)}
<div class="body">
${labels.length ? html`<p class="row">${labels}</p>` : null}
<div lang="${contentLang(post.body, boardLanguages(data.board))}">${trustedHtml(shownOnBoard(data, post.bodyHtml))}</div>
<div class="row spread">
${authorCard(ctx, data.authors.get(post.authorId.toHexString()), post.createdAt, isAnswer ? 'web.post.answered' : 'web.post.asked')}
${post.revision > 1 ? html`<a class="small" href="/p/${id}/revisions">${t('web.post.revisions', { count: post.revision })}</a>` : null}
</div>
${shareControl(ctx, data, post)}
${actions(ctx, data, post, notice)}
${comments(ctx, data, post, notice)}
</div>
</article>`;
}
