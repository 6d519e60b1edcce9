// Sends identity's account e-mails (reset, verify, confirm a new address, address changed)
// through the one mail transport: SMTP when configured, .eml files in DATA_DIR/mail otherwise.
// These are answers to what the user asked for, so they carry no unsubscribe link.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock, negotiateLocale, translate } from '@helpboard/core';
import { type AccountMail, AccountMailer } from '@helpboard/identity';
import { escapeHtml } from './mail-composer.js';
import { MailTransport } from './mail-transport.js';

@Injectable()
export class AccountMailSender implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: AccountMailer,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.mailer.use((mail) => this.send(mail));
  }

  async send(mail: AccountMail): Promise<void> {
    const locale = negotiateLocale(mail.locale);
    const t = (part: string) => translate(`ACCOUNT_MAIL_${mail.kind}_${part}`, locale, { handle: mail.handle });
    const link = mail.path ? `${this.config.publicUrl}${mail.path}` : null;
    const ignore = translate('ACCOUNT_MAIL_NOT_YOU', locale);
    const text = [t('BODY'), '', ...(link ? [`${t('ACTION')}: ${link}`, ''] : []), '--', ignore].join('\n');
    const html = [
      `<!doctype html><html lang="${locale}"><body>`,
      `<p>${escapeHtml(t('BODY'))}</p>`,
      ...(link ? [`<p><a href="${escapeHtml(link)}">${escapeHtml(t('ACTION'))}</a></p>`] : []),
      `<hr><p style="color:#666;font-size:12px">${escapeHtml(ignore)}</p>`,
      '</body></html>',
    ].join('\n');
    await this.transport.send({
      id: mail.id,
      to: mail.to,
      subject: t('SUBJECT'),
      text,
      html,
      headers: {},
      date: this.clock.now(),
    });
  }
}
