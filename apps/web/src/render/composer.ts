// The Markdown toolbar over a post's text box. Without the script the toolbar stays hidden and
// the box takes Markdown as typed (the hint says how); the "upload an image" link opens the
// upload page in a new tab, so the draft stays where it is. With the script (site.js.ts) the
// buttons wrap the selection in Markdown, and the image button uploads in place and inserts the
// image's Markdown at the caret. One tab stop for the whole toolbar, arrow keys between buttons
// (the WAI-ARIA toolbar pattern), Ctrl/⌘+B and +I in the box.
import type { WebContext } from '../http/web-context.js';
import { html, type SafeHtml } from './html.js';

/** Drawn, not emoji: phones and servers without an emoji font show emoji as empty boxes. */
function icon(paths: SafeHtml): SafeHtml {
  return html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;
}

const IMAGE_ICON = icon(
  html`<rect x="3" y="5" width="18" height="14" rx="2"/><circle cx="9" cy="10" r="1.5"/><path d="M4 18l5-5 4 4 3-3 4 4"/>`,
);

const BUTTONS = [
  { action: 'bold', face: html`<b>B</b>`, key: 'B' },
  { action: 'italic', face: html`<i>I</i>`, key: 'I' },
  {
    action: 'link',
    face: icon(
      html`<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/>`,
    ),
    key: null,
  },
  { action: 'code', face: html`<code>&lt;/&gt;</code>`, key: null },
  { action: 'list', face: html`•≡`, key: null },
  { action: 'quote', face: html`❝`, key: null },
] as const;

/** Toolbar and upload link for the text box `textareaId`; images go to board `boardSlug`. */
export function composerTools(ctx: WebContext, textareaId: string, boardSlug: string): SafeHtml {
  const { t } = ctx;
  const uploadPage = `/b/${boardSlug}/images/new`;
  const buttons = BUTTONS.map((b) => {
    const label = t(`web.composer.${b.action}`);
    const title = b.key ? `${label} (Ctrl+${b.key})` : label;
    return html`<button type="button" class="tool" data-md="${b.action}" aria-label="${label}" title="${title}" tabindex="-1">${b.face}</button>`;
  });
  return html`<div class="composer-tools">
<div class="toolbar" role="toolbar" aria-label="${t('web.composer.toolbar')}" aria-controls="${textareaId}" data-toolbar="${textareaId}" hidden>${buttons}<button type="button" class="tool" data-md="image" data-upload="/b/${boardSlug}/images" aria-label="${t('web.composer.image')}" title="${t('web.composer.image')}" tabindex="-1">${IMAGE_ICON}</button><input type="file" accept="image/png,image/jpeg,image/webp,image/gif" hidden tabindex="-1" aria-hidden="true" data-image-file></div>
<a class="small" href="${uploadPage}" target="_blank" rel="noopener" data-upload-link>${t('web.composer.uploadLink')}</a>
<p class="small muted" role="status" data-composer-status data-uploading="${t('web.composer.uploading')}" data-uploaded="${t('web.composer.uploaded')}" data-failed="${t('web.composer.failed')}"></p>
</div>`;
}
