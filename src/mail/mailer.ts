import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.ts';

export interface MailAttachment { filename: string; content: string | Buffer; contentType?: string }
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Stable id so a retried send can be recognised downstream (Message-ID header). */
  messageId?: string;
  attachments?: MailAttachment[];
  replyTo?: string;
  /** Extra header fields, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

const transports = new Map<string, Transporter>();

/** Sends through the configured SMTP server (nodemailer). Without SMTP_URL, email is not configured. */
export async function sendMail(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, msg: MailMessage): Promise<{ messageId: string }> {
  if (!config.smtpUrl) throw new Error('Email is not configured: set SMTP_URL.');
  let t = transports.get(config.smtpUrl);
  if (!t) {
    t = nodemailer.createTransport(config.smtpUrl);
    transports.set(config.smtpUrl, t);
  }
  const info = await t.sendMail({
    from: config.mailFrom, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html, replyTo: msg.replyTo,
    messageId: msg.messageId, attachments: msg.attachments, headers: msg.headers,
  });
  return { messageId: info.messageId };
}
