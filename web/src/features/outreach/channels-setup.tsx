import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { usePrintLetters, useProviders, useSaveProvider, type ProviderChannel } from './queries.ts';

/** An optional field: left empty, it is not sent (the server keeps its default or the stored secret). */
const text = (data: FormData, name: string) => (String(data.get(name) ?? '').trim() || undefined);

/** SMS and WhatsApp providers (the key is write-only) and the printing of waiting letters. */
export function ChannelsSetup() {
  const providersQuery = useProviders();
  const providers = providersQuery.data ?? [];
  const saver = useSaveProvider();
  const printer = usePrintLetters();
  const batch = printer.data;
  const [notice, setNotice] = useState<string | null>(null);
  const error = providersQuery.error ?? saver.error ?? printer.error;

  function save(channel: ProviderChannel, form: HTMLFormElement) {
    const data = new FormData(form);
    saver.mutate({
      channel,
      body: {
        baseUrl: text(data, 'baseUrl'), accountId: String(data.get('accountId')), apiKey: String(data.get('apiKey')), sender: String(data.get('sender')),
        appSecret: text(data, 'appSecret'), verifyToken: text(data, 'verifyToken'),
      },
    }, {
      onSuccess: () => { setNotice(`${channel === 'sms' ? 'SMS' : 'WhatsApp'} provider saved.`); form.reset(); },
    });
  }

  return (
    <section aria-label="Channels">
      <h2>Channels</h2>
      {notice && <p className="ok" role="status">{notice}</p>}
      <ErrorNote error={error} />
      <div className="grid">
        {(['sms', 'whatsapp'] as const).map((channel) => {
          const p = providers.find((x) => x.channel === channel);
          const label = channel === 'sms' ? 'SMS' : 'WhatsApp';
          const sms = channel === 'sms';
          return (
            <form key={channel} className="card" aria-label={`${label} provider`} onSubmit={(e) => { e.preventDefault(); save(channel, e.currentTarget); }}>
              <h3>{label} provider</h3>
              <p className="muted">{sms ? 'Twilio Programmable Messaging' : 'WhatsApp Business Cloud API'}</p>
              <label>{sms ? 'Account SID' : 'Phone number ID'}<input name="accountId" defaultValue={p?.accountId ?? ''} required /></label>
              <label>{sms ? 'Auth token' : 'Access token'}<input name="apiKey" type="password" autoComplete="off" placeholder={p ? 'Stored — enter to replace' : ''} required /></label>
              <label>{sms ? 'From number or Messaging Service SID' : 'Business number'}<input name="sender" defaultValue={p?.sender} required /></label>
              {!sms && <label>App secret<input name="appSecret" type="password" autoComplete="off" placeholder={p ? 'Stored — enter to replace' : ''} required /></label>}
              {!sms && <label>Verify token<input name="verifyToken" type="password" autoComplete="off" placeholder={p ? 'Stored — enter to replace' : ''} required /></label>}
              <label>API address (optional)<input name="baseUrl" type="url" placeholder={sms ? 'https://api.twilio.com' : 'https://graph.facebook.com'} /></label>
              {p && (sms
                ? <p className="muted">In Twilio, set the messaging webhook to <code>{p.inboundWebhookUrl}</code> (status callbacks are sent with each message).</p>
                : <p className="muted">In Meta's app settings, subscribe the webhook <code>{p.inboundWebhookUrl}</code> to messages.</p>)}
              <button type="submit">Save {label} provider</button>
            </form>
          );
        })}
        <div className="card">
          <h3>Letters</h3>
          <p className="muted">Letters wait in the outbox until printed. Each batch is one PDF, one page per letter.</p>
          <button onClick={() => printer.mutate()}>Print waiting letters</button>
          {batch && (batch.batchId
            ? <p>{batch.letters} letter(s) ready: <a href={`/api/v1/outreach/letters/batches/${batch.batchId}/pdf`}>download the PDF</a>{batch.suppressed ? ` (${batch.suppressed} not sent: no consent)` : ''}</p>
            : <p className="muted">No letters are waiting{batch.suppressed ? ` (${batch.suppressed} not sent: no consent)` : ''}.</p>)}
        </div>
      </div>
    </section>
  );
}
