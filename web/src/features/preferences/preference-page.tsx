import { useEffect, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { TEXTS, browserLanguage, type Language } from './texts.ts';
import { useAskAnotherAssociate, usePreferencePage, useSavePreferences } from './queries.ts';
import './preferences.css';

/** Reached from the link at the foot of every email: the customer's own channels, topics, language and associate. */
export function PreferencePage({ params }: { params: Record<string, string> }) {
  const token = params.token;
  const { data: page, error: loadError } = usePreferencePage(token);
  const save = useSavePreferences(token);
  const askAnother = useAskAnotherAssociate(token);
  const [channels, setChannels] = useState<Record<string, boolean>>({});
  const [topics, setTopics] = useState<Record<string, boolean>>({});
  const [language, setLanguage] = useState<Language>(browserLanguage());
  const [notice, setNotice] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  // The form starts from the server's page, and again from each answer (a save or a request answers with the page).
  useEffect(() => {
    if (!page) return;
    setChannels(Object.fromEntries(page.channels.map((c) => [c.channel, c.granted])));
    setTopics(Object.fromEntries(page.topics.map((t) => [t.topic, t.granted])));
    setLanguage(page.language);
  }, [page]);

  const t = TEXTS[page?.language ?? browserLanguage()];
  if (!page) return <main className="preferences">{loadError ? <ErrorNote error={loadError} /> : <p className="muted">{t.loading}</p>}</main>;

  const busy = save.isPending || askAnother.isPending;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(null);
    askAnother.reset();
    save.mutate({ channels, topics, language }, { onSuccess: (saved) => setNotice(TEXTS[saved.language].saved) });
  };
  const ask = () => { setNotice(null); save.reset(); askAnother.mutate(message.trim()); };

  return (
    <main className="preferences" lang={page.language}>
      <h1>{t.title}</h1>
      <p>{t.hello(page.firstName)}</p>
      <p className="muted">{t.intro}</p>
      <form onSubmit={submit} className="card">
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
        <button type="submit" disabled={busy}>{save.isPending ? t.saving : t.save}</button>
        {notice && <p role="status" className="ok">{notice}</p>}
        <ErrorNote error={save.error} />
      </form>
      <section className="card" aria-label={t.associate}>
        <h2>{t.associate}</h2>
        <p>{page.associate ? page.associate.name : t.noAssociate}</p>
        {page.associateChangeRequestedAt
          ? <p role="status" className="ok">{t.asked}</p>
          : page.associate && (
            <>
              <label>{t.message}<textarea value={message} maxLength={1000} onChange={(e) => setMessage(e.target.value)} /></label>
              <button type="button" className="secondary" disabled={busy} onClick={ask}>{t.askOther}</button>
            </>
          )}
        <ErrorNote error={askAnother.error} />
      </section>
    </main>
  );
}
