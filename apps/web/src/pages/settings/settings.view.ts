// The settings page: profile and language, e-mail address, which notifications reach you how
// (per kind, and the daily digest), password, and the devices you are signed in on. Each
// section is its own form; a refused one comes back with its problems next to its fields.
import type { UserRecord } from '@helpboard/identity';
import { NotificationChannel, type NotificationKind } from '@helpboard/notifications';
import { html, type SafeHtml } from '../../render/html.js';
import { field, notice } from '../../render/forms.js';
import { csrfField, layout } from '../../layout/layout.js';
import type { WebContext } from '../../http/web-context.js';
import { formatDate } from '../thread/post.view.js';
import { avatar } from '../../render/avatar.js';

/** What the avatar picker offers; the server checks the bytes (prepareImage). */
const IMAGE_TYPES = 'image/png,image/jpeg,image/webp,image/gif';

export type SettingsSection = 'avatar' | 'profile' | 'email' | 'notifications' | 'password' | 'sessions';

export interface SettingsData {
  user: UserRecord;
  preferences: { kind: NotificationKind; channel: NotificationChannel }[];
  /** The avatar size limit as people read it ("2 MB"). */
  avatarMax: string;
  sessions: { id: string; userAgent: string | null; ip: string | null; createdAt: Date; isCurrent: boolean }[];
  /** A section just saved (its notice), or refused (its problems). */
  saved?: SettingsSection;
  problems?: { section: SettingsSection; errors: Record<string, string>; values: Record<string, string> };
}

const CHANNELS = Object.values(NotificationChannel);

function sectionCard(ctx: WebContext, data: SettingsData, id: SettingsSection, body: SafeHtml): SafeHtml {
  const { t } = ctx;
  const state =
    data.saved === id
      ? notice('info', t(`web.settings.saved.${id}`))
      : data.problems?.section === id
        ? notice('error', t('web.form.problems'))
        : null;
  return html`<section class="card" id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${t(`web.settings.${id}`)}</h2>${state}${body}</section>`;
}

const errorsOf = (data: SettingsData, section: SettingsSection) =>
  data.problems?.section === section ? data.problems.errors : {};

function profile(ctx: WebContext, data: SettingsData): SafeHtml {
  const { t } = ctx;
  const errors = errorsOf(data, 'profile');
  const values = data.problems?.section === 'profile' ? data.problems.values : null;
  const locales = [
    { value: 'en', label: 'English' },
    { value: 'zh-CN', label: '中文' },
  ];
  return html`<form method="post" action="/settings/profile" novalidate>${csrfField(ctx)}
${field({ name: 'displayName', label: t('web.settings.displayName'), value: values?.displayName ?? data.user.displayName, isRequired: true, maxLength: 50, autocomplete: 'name', error: errors.displayName })}
${field({ name: 'bio', label: t('web.settings.bio'), value: values?.bio ?? data.user.bio, isMultiline: true, maxLength: 500, error: errors.bio })}
${field({ name: 'region', label: t('web.settings.region'), value: values?.region ?? data.user.region ?? '', maxLength: 50, error: errors.region })}
<label for="f-locale">${t('web.settings.language')}</label><select id="f-locale" name="locale">${locales.map(
    (l) =>
      html`<option value="${l.value}" lang="${l.value}"${data.user.locale === l.value ? html` selected` : null}>${l.label}</option>`,
  )}</select>
<p><button type="submit">${t('web.settings.save')}</button></p></form>`;
}

/**
 * A multipart form: its body is not read before the CSRF check, so the token rides in the
 * action's query string (the security middleware accepts it there for multipart posts only).
 */
function avatarForms(ctx: WebContext, data: SettingsData): SafeHtml {
  const { t } = ctx;
  const errors = errorsOf(data, 'avatar');
  return html`<div class="avatar-setting">${avatar(data.user, 'large')}<div>
<form method="post" action="/settings/avatar?_csrf=${encodeURIComponent(ctx.csrfToken)}" enctype="multipart/form-data">
${field({ name: 'avatar', label: t('web.avatar.choose'), type: 'file', accept: IMAGE_TYPES, isRequired: true, hint: t('web.avatar.hint', { max: data.avatarMax }), error: errors.avatar })}
<p><button type="submit">${t('web.avatar.upload')}</button></p></form>${
    data.user.avatarUrl
      ? html`<form method="post" action="/settings/avatar/remove">${csrfField(ctx)}<button type="submit" class="secondary">${t('web.avatar.remove')}</button></form>`
      : null
  }</div></div>`;
}

function email(ctx: WebContext, data: SettingsData): SafeHtml {
  const { t } = ctx;
  const errors = errorsOf(data, 'email');
  const verified = data.user.emailVerifiedAt
    ? html`<span class="label accepted">${t('web.settings.verified')}</span>`
    : html`<span class="label closed">${t('web.settings.unverified')}</span>`;
  return html`<p>${t('web.settings.currentEmail')} <strong>${data.user.email ?? ''}</strong> ${verified}</p>
<form method="post" action="/settings/email" novalidate>${csrfField(ctx)}
${field({ name: 'newEmail', label: t('web.settings.newEmail'), type: 'email', autocomplete: 'email', isRequired: true, hint: t('web.settings.newEmailHint'), error: errors.email, value: data.problems?.section === 'email' ? data.problems.values.newEmail : '' })}
${field({ name: 'password', id: 'f-email-password', label: t('web.settings.currentPassword'), type: 'password', autocomplete: 'current-password', isRequired: true, error: errors.password })}
<p><button type="submit">${t('web.settings.changeEmail')}</button></p></form>`;
}

function notifications(ctx: WebContext, data: SettingsData): SafeHtml {
  const { t } = ctx;
  const rows = data.preferences.map(
    (p) =>
      html`<tr><th scope="row"><label for="n-${p.kind}">${t(`NOTIFICATION_KIND_${p.kind}`)}</label></th><td><select id="n-${p.kind}" name="${p.kind}">${CHANNELS.map(
        (c) =>
          html`<option value="${c}"${c === p.channel ? html` selected` : null}>${t(`web.settings.channel.${c}`)}</option>`,
      )}</select></td></tr>`,
  );
  return html`<p class="hint">${t('web.settings.notificationsHint')}</p><form method="post" action="/settings/notifications">${csrfField(ctx)}
<div class="scroll"><table><caption class="vh">${t('web.settings.notifications')}</caption><thead><tr><th scope="col">${t('web.settings.kind')}</th><th scope="col">${t('web.settings.channel')}</th></tr></thead><tbody>${rows}</tbody></table></div>
<p><button type="submit">${t('web.settings.save')}</button></p></form>`;
}

function password(ctx: WebContext, data: SettingsData): SafeHtml {
  const { t } = ctx;
  const errors = errorsOf(data, 'password');
  return html`<form method="post" action="/settings/password" novalidate>${csrfField(ctx)}
${field({ name: 'currentPassword', label: t('web.settings.currentPassword'), type: 'password', autocomplete: 'current-password', isRequired: true, error: errors.currentPassword })}
${field({ name: 'newPassword', label: t('web.reset.password'), type: 'password', autocomplete: 'new-password', isRequired: true, hint: t('web.signup.passwordHint'), error: errors.newPassword })}
<p><button type="submit">${t('web.settings.changePassword')}</button></p></form>`;
}

function sessions(ctx: WebContext, data: SettingsData): SafeHtml {
  const { t } = ctx;
  const others = data.sessions.filter((s) => !s.isCurrent).length;
  return html`<ul class="plain">${data.sessions.map(
    (s) =>
      html`<li><strong>${s.userAgent ?? t('web.settings.unknownDevice')}</strong>${
        s.isCurrent ? html` <span class="label official">${t('web.settings.thisDevice')}</span>` : null
      }<div class="small muted">${s.ip ?? ''} · ${t('web.settings.since')} <time datetime="${s.createdAt.toISOString()}">${formatDate(ctx, s.createdAt)}</time></div></li>`,
  )}</ul>${
    others
      ? html`<form method="post" action="/settings/sessions/end-others">${csrfField(ctx)}<button type="submit" class="secondary">${t('web.settings.endOthers')}</button></form>`
      : null
  }`;
}

export function settingsView(ctx: WebContext, data: SettingsData): SafeHtml {
  const { t } = ctx;
  return layout(ctx, {
    title: t('web.settings.title'),
    robots: 'noindex',
    body: html`<h1>${t('web.settings.title')}</h1>
${sectionCard(ctx, data, 'avatar', avatarForms(ctx, data))}
${sectionCard(ctx, data, 'profile', profile(ctx, data))}
${sectionCard(ctx, data, 'email', email(ctx, data))}
${sectionCard(ctx, data, 'notifications', notifications(ctx, data))}
${sectionCard(ctx, data, 'password', password(ctx, data))}
${sectionCard(ctx, data, 'sessions', sessions(ctx, data))}`,
  });
}
