import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { usePrintLetters, useProviders, useSaveProvider, type ProviderChannel } from './queries.ts';

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
    saver.mutate({ channel, body: { baseUrl: String(data.get('baseUrl')), apiKey: String(data.get('apiKey')), sender: String(data.get('sender')) } }, {
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
          return (
            <form key={channel} className="card" aria-label={`${label} provider`} onSubmit={(e) => { e.preventDefault(); save(channel, e.currentTarget); }}>
              <h3>{label} provider</h3>
              <label>Provider address<input name="baseUrl" type="url" defaultValue={p?.baseUrl} placeholder="https://api.provider.example/v1" required /></label>
              <label>API key<input name="apiKey" type="password" autoComplete="off" placeholder={p ? 'Stored — enter to replace' : ''} required /></label>
              <label>Sender<input name="sender" defaultValue={p?.sender} required /></label>
              {p && <p className="muted">Give the provider this address for replies (STOP): <code>{p.inboundWebhookUrl}</code></p>}
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
