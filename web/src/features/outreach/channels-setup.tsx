import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';

interface Provider { channel: 'sms' | 'whatsapp'; baseUrl: string; sender: string; updatedAt: string; inboundWebhookUrl: string }

/** SMS and WhatsApp providers (the key is write-only) and the printing of waiting letters. */
export function ChannelsSetup() {
  const [providers, setProviders] = useState<Provider[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [batch, setBatch] = useState<{ batchId: string | null; letters: number; suppressed: number } | null>(null);
  useEffect(() => { api<Provider[]>('outreach/providers').then(setProviders).catch((e) => setError(e.message)); }, []);

  async function save(channel: 'sms' | 'whatsapp', form: HTMLFormElement) {
    const data = new FormData(form);
    setError(null);
    try {
      const p = await api<Provider>(`outreach/providers/${channel}`, { method: 'PUT', body: { baseUrl: data.get('baseUrl'), apiKey: data.get('apiKey'), sender: data.get('sender') } });
      setProviders((all) => [...all.filter((x) => x.channel !== channel), p]);
      setNotice(`${channel === 'sms' ? 'SMS' : 'WhatsApp'} provider saved.`);
      form.reset();
    } catch (e) { setError((e as Error).message); }
  }

  async function print() {
    setError(null);
    try { setBatch(await api('outreach/letters/batches', { method: 'POST', body: {} })); } catch (e) { setError((e as Error).message); }
  }

  return (
    <section aria-label="Channels">
      <h2>Channels</h2>
      {notice && <p className="ok" role="status">{notice}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="grid">
        {(['sms', 'whatsapp'] as const).map((channel) => {
          const p = providers.find((x) => x.channel === channel);
          const label = channel === 'sms' ? 'SMS' : 'WhatsApp';
          return (
            <form key={channel} className="card" aria-label={`${label} provider`} onSubmit={(e) => { e.preventDefault(); void save(channel, e.currentTarget); }}>
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
          <button onClick={print}>Print waiting letters</button>
          {batch && (batch.batchId
            ? <p>{batch.letters} letter(s) ready: <a href={`/api/v1/outreach/letters/batches/${batch.batchId}/pdf`}>download the PDF</a>{batch.suppressed ? ` (${batch.suppressed} not sent: no consent)` : ''}</p>
            : <p className="muted">No letters are waiting{batch.suppressed ? ` (${batch.suppressed} not sent: no consent)` : ''}.</p>)}
        </div>
      </div>
    </section>
  );
}
