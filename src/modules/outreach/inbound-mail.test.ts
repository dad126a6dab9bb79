import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { testApp } from '../../../test/app.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { buildCustomer, buildRetailer } from '../../../test/factories.ts';
import type { App } from '../../http/types.ts';
import { randomUUID } from 'node:crypto';
import { deliverDueMessages, enqueueMessage } from './outbox.ts';
import { startInboundMail } from './inbound-mail.ts';
import { parisNoonTomorrow, setConsent } from './test-helpers.ts';

let app: App;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let inbound: Awaited<ReturnType<typeof startInboundMail>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  app = await testApp({ smtpUrl: sink.url, inboundMailDomain: 'replies.example.test' });
  inbound = await startInboundMail(app.db, app.config, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await inbound.close();
  await app.close();
  await sink.close();
});

describe('email replies over SMTP', () => {
  it('land in the customer\'s thread without the quoted history, once per Message-ID; unsigned addresses are refused', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id, { email: 'lea@example.test', firstName: 'Léa' });
    await setConsent(app.db, r.le.id, c.id, 'email', true);
    const sent = await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/conversation/messages`, headers: { cookie: r.as.associate }, payload: { channel: 'email', subject: 'Your fitting', body: 'Would Saturday suit you?' } });
    expect(sent.statusCode).toBe(201);
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    const out = sink.messages.find((m) => m.to.includes('lea@example.test'))!;
    const replyTo = (await simpleParser(out.raw)).replyTo!.value[0].address!;
    expect(replyTo).toMatch(/^reply\+[0-9a-f]{32}\.[0-9a-f]{16}@replies\.example\.test$/);

    const client = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
    const reply = {
      from: 'Léa <lea@example.test>', to: replyTo, subject: 'Re: Your fitting', messageId: '<reply-1@example.test>',
      text: 'Saturday at 11 is perfect.\n\nLe lun. 7 déc. 2026 à 10:00, Aurelle <no-reply@clienteling.local> a écrit :\n> Would Saturday suit you?',
    };
    await client.sendMail(reply);
    await client.sendMail(reply); // the same message delivered twice
    const forged = replyTo.replace(/\.[0-9a-f]{16}@/, '.0000000000000000@');
    await expect(client.sendMail({ ...reply, to: forged, messageId: '<reply-2@example.test>' })).rejects.toMatchObject({ responseCode: 550 });

    const thread = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/conversation`, headers: { cookie: r.as.associate } })).json();
    expect(thread.messages.map((m: { direction: string; channel: string; subject: string | null; body: string; address: string | null }) => [m.direction, m.channel, m.subject, m.body])).toEqual([
      ['outbound', 'email', 'Your fitting', 'Would Saturday suit you?'],
      ['inbound', 'email', 'Re: Your fitting', 'Saturday at 11 is perfect.'],
    ]);
    expect(thread.conversation.unreadCount).toBe(1);
  });

  it('the List-Unsubscribe mailto reaches the unsubscribe mailbox and withdraws the topic once; a forged token changes nothing', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id, { email: 'noor@example.test' });
    await setConsent(app.db, r.le.id, c.id, 'email', true);
    await enqueueMessage(app.db, {
      legalEntityId: r.le.id, customerId: c.id, channel: 'email', to: 'noor@example.test', subject: 'New in store', body: 'Hello', html: '<p>Hello</p>',
      purpose: 'new-arrivals', idempotencyKey: randomUUID(),
    });
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    const out = sink.messages.find((m) => m.to.includes('noor@example.test'))!;
    const head = out.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    const list = /^List-Unsubscribe:(.*)$/im.exec(head)![1];
    const mailto = /<mailto:([^?>]+)\?subject=([^>]+)>/.exec(list)!;
    expect(mailto[1]).toBe('unsubscribe@replies.example.test');
    const subject = decodeURIComponent(mailto[2]);
    expect(subject).toMatch(/^unsubscribe \S+$/);

    const client = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
    const history = async () => ((await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/consents/history`, headers: { cookie: r.as.associate } })).json() as { channel: string; granted: boolean; source: string }[])
      .filter((h) => h.channel === 'topic:new-arrivals');
    await client.sendMail({ from: 'noor@example.test', to: 'unsubscribe@replies.example.test', subject: 'unsubscribe forged-token' });
    expect(await history()).toEqual([]);
    await client.sendMail({ from: 'noor@example.test', to: 'unsubscribe@replies.example.test', subject });
    await client.sendMail({ from: 'noor@example.test', to: 'unsubscribe@replies.example.test', subject }); // sent again
    expect(await history()).toEqual([expect.objectContaining({ granted: false, source: 'unsubscribe-mail' })]);
    await expect(client.sendMail({ from: 'noor@example.test', to: 'someone@replies.example.test', subject })).rejects.toMatchObject({ responseCode: 550 });
  });
});
