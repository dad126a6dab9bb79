import { useEffect, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { browserLanguage, useCustomerT, type Language } from '../../i18n/i18n.ts';
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

  // The page speaks the customer's language (English or French), as their emails do.
  const { t } = useCustomerT(page?.language ?? browserLanguage());
  if (!page) return <main className="preferences">{loadError ? <ErrorNote error={loadError} /> : <p className="muted">{t('common.loading')}</p>}</main>;

  const busy = save.isPending || askAnother.isPending;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(null);
    askAnother.reset();
    save.mutate({ channels, topics, language }, { onSuccess: (saved) => setNotice(t('preferences.saved', { lng: saved.language })) });
  };
  const ask = () => { setNotice(null); save.reset(); askAnother.mutate(message.trim()); };

  return (
    <main className="preferences" lang={page.language}>
      <h1>{t('preferences.title')}</h1>
      <p>{t('preferences.hello', { name: page.firstName })}</p>
      <p className="muted">{t('preferences.intro')}</p>
      <form onSubmit={submit} className="card">
        <fieldset>
          <legend>{t('preferences.channels')}</legend>
          {page.channels.map((c) => (
            <label key={c.channel} className="inline">
              <input type="checkbox" checked={!!channels[c.channel]} onChange={(e) => setChannels({ ...channels, [c.channel]: e.target.checked })} />
              {t(`preferences.channel.${c.channel}` as 'preferences.channel.email', { defaultValue: c.channel })}
              {!c.reachable && <span className="muted"> — {t('preferences.noAddress')}</span>}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('preferences.topics')}</legend>
          {page.topics.map((x) => (
            <label key={x.topic} className="inline">
              <input type="checkbox" checked={!!topics[x.topic]} onChange={(e) => setTopics({ ...topics, [x.topic]: e.target.checked })} />
              {t(`preferences.topic.${x.topic}` as 'preferences.topic.occasions', { defaultValue: x.topic })}
            </label>
          ))}
        </fieldset>
        <label>
          {t('preferences.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            <option value="en" lang="en">{t('shell.languages.en')}</option>
            <option value="fr" lang="fr">{t('shell.languages.fr')}</option>
          </select>
        </label>
        <button type="submit" disabled={busy}>{save.isPending ? t('preferences.saving') : t('preferences.save')}</button>
        {notice && <p role="status" className="ok">{notice}</p>}
        <ErrorNote error={save.error} />
      </form>
      <section className="card" aria-label={t('preferences.associate')}>
        <h2>{t('preferences.associate')}</h2>
        <p>{page.associate ? page.associate.name : t('preferences.noAssociate')}</p>
        {page.associateChangeRequestedAt
          ? <p role="status" className="ok">{t('preferences.asked')}</p>
          : page.associate && (
            <>
              <label>{t('preferences.message')}<textarea value={message} maxLength={1000} onChange={(e) => setMessage(e.target.value)} /></label>
              <button type="button" className="secondary" disabled={busy} onClick={ask}>{t('preferences.askOther')}</button>
            </>
          )}
        <ErrorNote error={askAnother.error} />
      </section>
    </main>
  );
}
