// Friendly error pages (404, 403, 500 and rule refusals) in the reader's language.
import { html, type SafeHtml } from '../render/html.js';
import { layout } from '../layout/layout.js';
import type { WebContext } from '../http/web-context.js';

export function errorPage(ctx: WebContext, status: number, message: string): SafeHtml {
  const { t } = ctx;
  const title =
    status === 404
      ? t('web.error.notFoundTitle')
      : status === 403
        ? t('web.error.forbiddenTitle')
        : t('web.error.title');
  return layout(ctx, {
    title,
    robots: 'noindex',
    body: html`<div class="card">
      <h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/">${t('web.error.home')}</a></p>
    </div>`,
  });
}
