// The thread page: question, accepted and official answers first (the answers' own order),
// then the rest by score; the closed/duplicate banner, the answer form or the rule that
// prevents it, related questions; canonical URL, OpenGraph tags and schema.org QAPage JSON-LD.
import { boardLanguages, resolveBoardSettings } from '@helpboard/boards';
import { markdownToText, type PostRecord } from '@helpboard/threads';
import { html, jsonForScript, type SafeHtml } from '../../render/html.js';
import { boardPath, tagPath, threadPath } from '../../render/urls.js';
import { contentLang } from '../../render/content-lang.js';
import { notice as noticeBox } from '../../render/forms.js';
import { csrfField, layout } from '../../layout/layout.js';
import type { WebContext } from '../../http/web-context.js';
import type { ThreadPageData } from './thread-page.data.js';
import { composerTools } from '../../render/composer.js';
import { BOUNTY_AMOUNT } from '@helpboard/reputation';
import { bountyAmounts, bountyBox } from './bounty-share.view.js';
import { postView, ruleAt, type RuleNotice } from './post.view.js';
import { type BoardTool, toolLinks } from '../staff/board-tools.js';

/**
 * Plain-text excerpts by post and length. Posts of a shared thread snapshot are the same objects
 * for every reader, so rendering their markdown to text happens once per snapshot, not per page.
 */
const excerpts = new WeakMap<PostRecord, Map<number, string>>();

function excerpt(post: PostRecord, max: number): string {
  let byLength = excerpts.get(post);
  if (!byLength) excerpts.set(post, (byLength = new Map()));
  let text = byLength.get(max);
  if (text === undefined) {
    const plain = markdownToText(post.body).replace(/\s+/g, ' ').trim();
    text = plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
    byLength.set(max, text);
  }
  return text;
}

function jsonLd(ctx: WebContext, data: ThreadPageData, url: string): SafeHtml {
  const person = (id: string) => ({ '@type': 'Person', name: data.authors.get(id)?.user.displayName ?? '' });
  const answer = (post: ThreadPageData['answers'][number]) => ({
    '@type': 'Answer',
    text: excerpt(post, 2000),
    upvoteCount: post.score,
    dateCreated: post.createdAt.toISOString(),
    url: `${url}#a-${post._id.toHexString()}`,
    author: person(post.authorId.toHexString()),
  });
  const accepted = data.answers.find((a) => a.isAccepted);
  return jsonForScript({
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    mainEntity: {
      '@type': 'Question',
      name: data.thread.title,
      text: excerpt(data.question, 2000),
      answerCount: data.thread.answerCount,
      upvoteCount: data.question.score,
      dateCreated: data.thread.createdAt.toISOString(),
      author: person(data.question.authorId.toHexString()),
      ...(accepted ? { acceptedAnswer: answer(accepted) } : {}),
      suggestedAnswer: data.answers
        .filter((a) => !a.isAccepted)
        .slice(0, 20)
        .map(answer),
    },
  });
}

function banner(ctx: WebContext, data: ThreadPageData): SafeHtml | null {
  const { t, thread } = { t: ctx.t, thread: data.thread };
  if (thread.status === 'CLOSED') {
    const original = data.duplicateOf
      ? html` <a href="${threadPath(data.duplicateOf)}">${data.duplicateOf.title}</a>`
      : null;
    return noticeBox(
      'warn',
      html`<strong>${t(data.duplicateOf ? 'web.thread.duplicate' : 'web.thread.closed')}</strong>${original}${
        thread.closeReason && !data.duplicateOf ? html` (${t(`web.closeReason.${thread.closeReason}`)})` : null
      }`,
    );
  }
  if (thread.isLocked) return noticeBox('warn', t('web.thread.locked'));
  if (thread.isProtected) {
    const required = resolveBoardSettings(data.board.settingsOverrides).privileges.answerProtected;
    return noticeBox('info', t('web.thread.protected', { required }));
  }
  return null;
}

function answerForm(ctx: WebContext, data: ThreadPageData, notice: RuleNotice | null): SafeHtml {
  const { t } = ctx;
  if (data.thread.status === 'CLOSED') return html`<p class="rule">${t('THREAD_CLOSED')}</p>`;
  if (data.thread.isLocked) return html`<p class="rule">${t('THREAD_LOCKED')}</p>`;
  if (!ctx.viewer) {
    return html`<p><a class="button" href="/login?next=${encodeURIComponent(ctx.path)}#answer">${t('web.thread.loginToAnswer')}</a></p>`;
  }
  const id = data.thread._id.toHexString();
  return html`<form method="post" action="/t/${id}/answer" id="answer-form">${csrfField(ctx)}
<label for="answer-body">${t('web.thread.yourAnswer')}</label>
${composerTools(ctx, 'answer-body', data.board.slug)}
<textarea id="answer-body" name="body" required aria-describedby="answer-hint"></textarea>
<p class="hint" id="answer-hint">${t('web.markdownHint')}</p>
<div id="answer-preview" class="preview" hidden aria-live="polite"></div>
${ruleAt(ctx, notice, 'answer')}
<p class="row"><button type="submit">${t('web.thread.postAnswer')}</button> <button type="button" class="secondary" data-preview="answer-preview">${t('web.preview')}</button></p>
</form>`;
}

/** Follow or unfollow (signed-in readers); a log-in link in the shared anonymous rendering. */
function followControl(ctx: WebContext, data: ThreadPageData, notice: RuleNotice | null): SafeHtml {
  const { t } = ctx;
  if (!ctx.viewer) {
    return html`<a class="button secondary" href="/login?next=${encodeURIComponent(ctx.path)}">${t('web.thread.follow')}</a>`;
  }
  const action = data.viewerFollows ? 'unfollow' : 'follow';
  return html`<form method="post" action="/t/${data.thread._id.toHexString()}/${action}" id="follow">${csrfField(ctx)}<button type="submit" class="secondary">${t(`web.thread.${action}`)}</button>${ruleAt(ctx, notice, 'follow')}</form>`;
}

/** Previous and next answers pages (?answers=N), when there are more than fit on one. */
function answerPager(ctx: WebContext, data: ThreadPageData, path: string): SafeHtml | null {
  const { t } = ctx;
  const page = data.answerPage;
  if (page === 1 && !data.hasMoreAnswers) return null;
  const at = (n: number) => (n > 1 ? `${path}?answers=${n}` : path);
  return html`<nav class="row" aria-label="${t('web.thread.answerPages')}">${
    page > 1
      ? html`<a class="button secondary" rel="prev" href="${at(page - 1)}#answers">${t('web.thread.previousAnswers')}</a>`
      : null
  }<span class="muted">${t('web.thread.answersPage', { page })}</span>${
    data.hasMoreAnswers
      ? html`<a class="button secondary" rel="next" href="${at(page + 1)}#answers">${t('web.thread.moreAnswers')}</a>`
      : null
  }</nav>`;
}

/** A support case on the thread: `state` only for its asker and the board's staff. */
export interface SupportCaseView {
  state: string | null;
}

function caseNotice(ctx: WebContext, supportCase: SupportCaseView | null): SafeHtml | null {
  if (!supportCase) return null;
  const { t } = ctx;
  return noticeBox(
    'info',
    html`<strong>${t('web.thread.case')}</strong>${
      supportCase.state
        ? html` <span class="label" data-case-state="${supportCase.state}">${t(`web.thread.caseState.${supportCase.state}`)}</span>`
        : null
    }`,
  );
}

/** The reader's staff tools on this board; moderators also get this thread's moderation page. */
function staffTools(ctx: WebContext, data: ThreadPageData, tools: BoardTool[]): SafeHtml | null {
  if (tools.length === 0) return null;
  const { t } = ctx;
  // The flags tool is the moderators' alone (staff also read the moderation log, by privilege).
  const canModerate = tools.some((tool) => tool.key === 'flags');
  return html`<section class="card staff-box" aria-labelledby="staff-tools-h"><h2 id="staff-tools-h">${t('web.staff.threadTools')}</h2>
${canModerate ? html`<p><a class="button" href="/mod/t/${data.thread._id.toHexString()}">${t('web.staff.moderateThread')}</a></p>` : null}
${toolLinks(ctx, tools, t('web.staff.boardTools'))}</section>`;
}

export function threadView(
  ctx: WebContext,
  data: ThreadPageData,
  notice: RuleNotice | null,
  tools: BoardTool[] = [],
  supportCase: SupportCaseView | null = null,
): SafeHtml {
  const { t } = ctx;
  const { thread, board } = data;
  const path = threadPath({ id: thread._id.toHexString(), title: thread.title });
  const url = `${ctx.baseUrl}${data.answerPage > 1 ? `${path}?answers=${data.answerPage}` : path}`;
  const description = excerpt(data.question, 160);
  const head = html`<meta property="og:type" content="article">
<meta property="og:title" content="${thread.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
<meta property="og:site_name" content="${t('web.siteName')}">
<script type="application/ld+json" nonce="${ctx.nonce}">${jsonLd(ctx, data, url)}</script>`;
  const tags = thread.tags.map((tag) => html`<a class="tag" href="${tagPath(board.slug, tag)}">${tag}</a>`);
  const related = data.related.length
    ? html`<section class="card" aria-labelledby="related"><h2 id="related">${t('web.thread.related')}</h2><ul class="plain">${data.related.map(
        (r) =>
          html`<li><a href="${threadPath(r)}" lang="${contentLang(r.title, boardLanguages(data.board))}">${r.title}</a></li>`,
      )}</ul></section>`
    : null;
  const body = html`<nav aria-label="${t('web.breadcrumbs')}" class="small">${
    data.operator ? html`<a href="/o/${data.operator.slug}">${data.operator.name}</a> › ` : null
  }<a href="${boardPath(board.slug)}">${board.title}</a></nav>
<div class="row spread"><h1 lang="${contentLang(thread.title, boardLanguages(data.board))}">${thread.title}</h1>${followControl(ctx, data, notice)}</div>
<p class="row small muted">${tags} <span>${t('web.thread.views', { count: thread.viewCount })}</span></p>
${banner(ctx, data)}${caseNotice(ctx, supportCase)}
<div class="layout"><div>
${postView(ctx, data, data.question, notice)}
<h2 id="answers">${t('web.thread.answers', { count: thread.answerCount })}</h2>
${data.answers.map((a) => postView(ctx, data, a, notice))}
${answerPager(ctx, data, path)}
<section aria-labelledby="answer-h" id="answer"><h2 id="answer-h">${t('web.thread.yourAnswer')}</h2>${answerForm(ctx, data, notice)}</section>
</div><aside>${bountyBox(ctx, data, data.bounty, bountyAmounts(BOUNTY_AMOUNT), notice)}${staffTools(ctx, data, tools)}${related}</aside></div>`;
  return layout(ctx, { title: thread.title, description, canonical: url, head, body });
}
