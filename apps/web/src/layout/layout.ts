// The page shell every page renders into: skip link, header with navigation, search and the
// language switch, main landmark, footer, the stylesheet and the nonce'd script.
import { FAVICON, SCRIPT, STYLESHEET } from '../assets/assets.js';
import { html, type HtmlValue, type SafeHtml } from '../render/html.js';
import type { WebContext } from '../http/web-context.js';
import { accountLinks, bell, unverifiedNotice } from './account-menu.js';
import { avatar } from '../render/avatar.js';

export interface PageOptions {
  title: string;
  body: HtmlValue;
  description?: string;
  /** Absolute canonical URL; also the OpenGraph url. */
  canonical?: string;
  /** Extra head elements (OpenGraph, JSON-LD). */
  head?: HtmlValue;
  /** e.g. `noindex` for forms and search results. */
  robots?: string;
}

export function csrfField(ctx: WebContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}" />`;
}

/** The current path with `lang` set, for the language switch (a plain link: works without JS). */
function languageLink(ctx: WebContext, locale: string): string {
  return `/lang?to=${encodeURIComponent(locale)}&next=${encodeURIComponent(ctx.path)}`;
}

function siteHeader(ctx: WebContext): SafeHtml {
  const { t, viewer } = ctx;
  const next = encodeURIComponent(ctx.path);
  const account = viewer
    ? html`${bell(ctx)}<li><a class="me" href="/u/${viewer.handle}">${avatar(viewer, 'small')} ${viewer.displayName}</a></li>
        ${accountLinks(ctx)}
        ${viewer.reach.hasStaffDesk ? html`<li><a href="/me/staff">${t('web.nav.staffDesk')}</a></li>` : null}
        ${viewer.reach.isRep ? html`<li><a href="/me/referrals">${t('web.nav.referrals')}</a></li>` : null}
        <li>
          <form method="post" action="/logout">
            ${csrfField(ctx)}<button class="linkish" type="submit">${t('web.nav.logout')}</button>
          </form>
        </li>`
    : html`<li><a href="/login?next=${next}">${t('web.nav.login')}</a></li>
        <li><a href="/signup?next=${next}">${t('web.nav.signup')}</a></li>`;
  const other = ctx.locale === 'en' ? { locale: 'zh-CN', name: '中文' } : { locale: 'en', name: 'English' };
  return html`<header class="site">
    <div class="bar">
      <a class="brand" href="/">${t('web.siteName')}</a>
      <nav aria-label="${t('web.nav.main')}">
        <ul>
          ${account}
          <li>
            <a href="${languageLink(ctx, other.locale)}" lang="${other.locale}" hreflang="${other.locale}"
              >${other.name}</a
            >
          </li>
        </ul>
      </nav>
      <form class="search" role="search" method="get" action="/search">
        <label class="vh" for="site-q">${t('web.nav.search')}</label>
        <input id="site-q" type="search" name="q" placeholder="${t('web.nav.search')}" />
        <button type="submit" class="secondary">${t('web.nav.search')}</button>
      </form>
    </div>
  </header>`;
}

export function layout(ctx: WebContext, page: PageOptions): SafeHtml {
  const { t } = ctx;
  const title = page.title ? `${page.title} – ${t('web.siteName')}` : t('web.siteName');
  return html`<!doctype html>
    <html lang="${ctx.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        ${page.description ? html`<meta name="description" content="${page.description}" />` : null}
        ${page.robots ? html`<meta name="robots" content="${page.robots}" />` : null}
        ${page.canonical ? html`<link rel="canonical" href="${page.canonical}" />` : null}
        <link rel="stylesheet" href="${STYLESHEET.path}" />
        <link rel="icon" type="image/svg+xml" href="${FAVICON.path}" />
        ${page.head}
      </head>
      <body>
        <a class="skip" href="#main">${t('web.skipToContent')}</a>
        ${siteHeader(ctx)}
        <main id="main" tabindex="-1">${unverifiedNotice(ctx, csrfField(ctx))}${page.body}</main>
        <footer class="site"><p>${t('web.footer.note')}</p></footer>
        <script nonce="${ctx.nonce}" src="${SCRIPT.path}" defer></script>
      </body>
    </html>`;
}
