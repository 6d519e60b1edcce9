// Localised e-mails for notifications and digests, each with a signed one-click unsubscribe link.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type Locale, negotiateLocale, translate } from '@helpboard/core';
import { notificationLink, notificationText } from '../notification/notification.mapper.js';
import type { NotificationRecord } from '../notification/notification.schema.js';
import type { OutgoingMail } from './mail-transport.js';
import { type UnsubscribeScope, UnsubscribeTokens } from './unsubscribe-tokens.js';

export interface MailRecipient {
  id: string;
  email: string;
  locale: string;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

@Injectable()
export class MailComposer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  notification(record: NotificationRecord, to: MailRecipient, at: Date): OutgoingMail {
    const locale = negotiateLocale(to.locale);
    const text = notificationText(record, locale);
    return this.compose({
      id: `notification-${record._id.toHexString()}`,
      to,
      locale,
      subject: clip(text, 150),
      lines: [{ text, link: this.threadLink(record) }],
      scope: record.kind,
      at,
    });
  }

  digest(digestId: string, records: NotificationRecord[], to: MailRecipient, at: Date): OutgoingMail {
    const locale = negotiateLocale(to.locale);
    return this.compose({
      id: `digest-${digestId}`,
      to,
      locale,
      subject: translate('DIGEST_SUBJECT', locale, { count: records.length }),
      intro: translate('DIGEST_INTRO', locale),
      lines: records.map((record) => ({ text: notificationText(record, locale), link: this.threadLink(record) })),
      scope: 'DIGEST',
      at,
    });
  }

  unsubscribeUrl(userId: string, scope: UnsubscribeScope): string {
    return `${this.config.publicUrl}/unsubscribe?token=${this.tokens.sign({ userId, scope })}`;
  }

  private threadLink(record: NotificationRecord): string | null {
    return notificationLink(record, this.config.publicUrl);
  }

  private compose(mail: {
    id: string;
    to: MailRecipient;
    locale: Locale;
    subject: string;
    intro?: string;
    lines: { text: string; link: string | null }[];
    scope: UnsubscribeScope;
    at: Date;
  }): OutgoingMail {
    const unsubscribe = this.unsubscribeUrl(mail.to.id, mail.scope);
    const stop = translate(mail.scope === 'DIGEST' ? 'EMAIL_STOP_DIGEST' : 'EMAIL_STOP_KIND', mail.locale);
    const why = translate('EMAIL_WHY', mail.locale);
    const open = translate('EMAIL_OPEN', mail.locale);
    const text = [
      ...(mail.intro ? [mail.intro, ''] : []),
      ...mail.lines.flatMap((line) => [line.text, ...(line.link ? [`${open}: ${line.link}`] : []), '']),
      '--',
      why,
      `${stop}: ${unsubscribe}`,
    ].join('\n');
    const html = [
      `<!doctype html><html lang="${mail.locale}"><body>`,
      ...(mail.intro ? [`<p>${escapeHtml(mail.intro)}</p>`] : []),
      ...mail.lines.map(
        (line) =>
          `<p>${escapeHtml(line.text)}${line.link ? ` <a href="${escapeHtml(line.link)}">${escapeHtml(open)}</a>` : ''}</p>`,
      ),
      `<hr><p style="color:#666;font-size:12px">${escapeHtml(why)} <a href="${escapeHtml(unsubscribe)}">${escapeHtml(stop)}</a></p>`,
      '</body></html>',
    ].join('\n');
    return {
      id: mail.id,
      to: mail.to.email,
      subject: mail.subject,
      text,
      html,
      // RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to the link.
      headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      date: mail.at,
    };
  }
}
