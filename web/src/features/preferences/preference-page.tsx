import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import { TEXTS, browserLanguage, type Language, type PreferencePageData } from './texts.ts';
import './preferences.css';

/** Reached from the link at the foot of every email: the customer's own channels, topics, language and associate. */
export function PreferencePage({ params }: { params: Record<string, string> }) {
  const base = `public/preferences/${encodeURIComponent(params.token)}`;
  const [page, setPage] = useState<PreferencePageData | null>(null);
  const [channels, setChannels] = useState<Record<string, boolean>>({});
  const [topics, setTopics] = useState<Record<string, boolean>>({});
  const [language, setLanguage] = useState<Language>(browserLanguage());
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  const show = (p: PreferencePageData) => {
    setPage(p);
    setChannels(Object.fromEntries(p.channels.map((c) => [c.channel, c.granted])));
    setTopics(Object.fromEntries(p.topics.map((t) => [t.topic, t.granted])));
    setLanguage(p.language);
  };
  useEffect(() => { api<PreferencePageData>(base).then(show).catch((e) => setError(e.message)); }, [base]);

  const t = TEXTS[page?.language ?? browserLanguage()];
  if (!page) return <main className="preferences">{error ? <p className="error" role="alert">{error}</p> : <p className="muted">{t.loading}</p>}</main>;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true); setError(null); setNotice(null);
    try {
      const saved = await api<PreferencePageData>(base, { method: 'PUT', body: { channels, topics, language } });
      show(saved);
      setNotice(TEXTS[saved.language].saved);
    } catch (err) { setError((err as Error).message); } finally { setBusy(false); }
  };
  const askAnother = async () => {
    setBusy(true); setError(null);
    try { show(await api<PreferencePageData>(`${base}/associate-request`, { body: message.trim() ? { message: message.trim() } : {} })); }
    catch (err) { setError((err as Error).message); } finally { setBusy(false); }
  };

  return (
    <main className="preferences" lang={page.language}>
      <h1>{t.title}</h1>
      <p>{t.hello(page.firstName)}</p>
      <p className="muted">{t.intro}</p>
      <form onSubmit={save} className="card">
        <fieldset>
          <legend>{t.channels}</legend>
          {page.channels.map((c) => (
            <label key={c.channel} className="inline">
              <input type="checkbox" checked={!!channels[c.channel]} onChange={(e) => setChannels({ ...channels, [c.channel]: e.target.checked })} />
              {t.channel[c.channel] ?? c.channel}
              {!c.reachable && <span className="muted"> — {t.noAddress}</span>}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t.topics}</legend>
          {page.topics.map((x) => (
            <label key={x.topic} className="inline">
              <input type="checkbox" checked={!!topics[x.topic]} onChange={(e) => setTopics({ ...topics, [x.topic]: e.target.checked })} />
              {t.topic[x.topic] ?? x.topic}
            </label>
          ))}
        </fieldset>
        <label>
          {t.language}
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
        <button type="submit" disabled={busy}>{busy ? t.saving : t.save}</button>
        {notice && <p role="status" className="ok">{notice}</p>}
        {error && <p role="alert" className="error">{error}</p>}
      </form>
      <section className="card" aria-label={t.associate}>
        <h2>{t.associate}</h2>
        <p>{page.associate ? page.associate.name : t.noAssociate}</p>
        {page.associateChangeRequestedAt
          ? <p role="status" className="ok">{t.asked}</p>
          : page.associate && (
            <>
              <label>{t.message}<textarea value={message} maxLength={1000} onChange={(e) => setMessage(e.target.value)} /></label>
              <button type="button" className="secondary" disabled={busy} onClick={askAnother}>{t.askOther}</button>
            </>
          )}
      </section>
    </main>
  );
}
