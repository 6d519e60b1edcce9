// Sends composed messages: through SMTP when configured, otherwise into DATA_DIR/mail as .eml
// files a developer can open in any mail client. Each message has a stable id, so a message
// delivered twice by the outbox is written (or sent) once.
import { randomBytes } from 'node:crypto';
import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@helpboard/core';

export interface OutgoingMail {
  /** Stable across redeliveries (e.g. `notification-<id>`): the .eml name and the Message-ID. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  date: Date;
}

@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter;
  private readonly mailDir: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.mailDir = resolve(config.dataDir, 'mail');
    this.transporter = config.mail.smtpUrl
      ? nodemailer.createTransport(config.mail.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** Where .eml files go when no SMTP server is configured. */
  get directory(): string | null {
    return this.config.mail.smtpUrl ? null : this.mailDir;
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transporter.sendMail({
      from: this.config.mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      date: mail.date,
      messageId: `<${mail.id}@helpboard>`,
    })) as { message?: Buffer };
    if (this.config.mail.smtpUrl) return;
    await mkdir(this.mailDir, { recursive: true });
    // Written aside, then linked into place: a reader never sees half a message, and a redelivered
    // message finds its file already there (`link` refuses an existing name).
    const partial = join(this.mailDir, `.${mail.id}.${randomBytes(6).toString('hex')}.partial`);
    await writeFile(partial, info.message ?? Buffer.alloc(0), { flag: 'wx' });
    try {
      await link(partial, join(this.mailDir, `${mail.id}.eml`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(partial);
    }
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
