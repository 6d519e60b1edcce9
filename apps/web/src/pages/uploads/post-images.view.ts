// The upload page for images in posts (the composer's link when the script does not run): the
// form, and after an upload the image with its Markdown to copy into the post.
import type { BoardRecord } from '@helpboard/boards';
import type { UploadedPostImage } from '@helpboard/threads';
import { html, type SafeHtml } from '../../render/html.js';
import { field, notice } from '../../render/forms.js';
import { layout } from '../../layout/layout.js';
import type { WebContext } from '../../http/web-context.js';

export interface PostImagePageData {
  board: BoardRecord;
  /** The size limit as people read it ("5 MB"). */
  max: string;
  problem?: string;
  uploaded?: UploadedPostImage;
}

function result(ctx: WebContext, uploaded: UploadedPostImage): SafeHtml {
  const { t } = ctx;
  return html`${notice('info', t('web.images.uploaded'))}
<p><img class="uploaded" src="${uploaded.url}" alt=""></p>
<label for="image-markdown">${t('web.images.markdown')}</label>
<div class="row"><input id="image-markdown" readonly value="${uploaded.markdown}"> <button type="button" class="secondary" data-copy="image-markdown">${t('web.images.copy')}</button></div>
<p class="hint">${t('web.images.paste')}</p>`;
}

export function postImagePage(ctx: WebContext, data: PostImagePageData): SafeHtml {
  const { t } = ctx;
  const slug = data.board.slug;
  const body = html`<h1>${t('web.images.title')}</h1>
${data.uploaded ? result(ctx, data.uploaded) : null}
<form method="post" action="/b/${slug}/images?_csrf=${encodeURIComponent(ctx.csrfToken)}" enctype="multipart/form-data" class="card">
${field({ name: 'image', label: t('web.images.choose'), type: 'file', accept: 'image/png,image/jpeg,image/webp,image/gif', isRequired: true, hint: t('web.images.hint', { max: data.max }), error: data.problem })}
${field({ name: 'alt', label: t('web.images.alt'), hint: t('web.images.altHint'), maxLength: 200 })}
<p><button type="submit">${t('web.images.upload')}</button></p>
</form>
<p><a href="/b/${slug}">${t('web.images.back', { board: data.board.title })}</a></p>`;
  return layout(ctx, { title: t('web.images.title'), robots: 'noindex', body });
}
