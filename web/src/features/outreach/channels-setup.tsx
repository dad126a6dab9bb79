import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { usePrintLetters, useProviders, useSaveProvider, type ProviderChannel } from './queries.ts';
import { Trans } from 'react-i18next';
import { useT } from '../../i18n/i18n.ts';

/** An optional field: left empty, it is not sent (the server keeps its default or the stored secret). */
const text = (data: FormData, name: string) => (String(data.get(name) ?? '').trim() || undefined);

/** SMS and WhatsApp providers (the key is write-only) and the printing of waiting letters. */
export function ChannelsSetup() {
  const { t } = useT();
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
      onSuccess: () => { setNotice(t('channelsSetup.saved', { channel: channel === 'sms' ? t('channel.sms') : t('channel.whatsapp') })); form.reset(); },
    });
  }

  return (
    <section aria-label={t('channelsSetup.channels')}>
      <h2>{t('channelsSetup.channels')}</h2>
      {notice && <p className="ok" role="status">{notice}</p>}
      <ErrorNote error={error} />
      <div className="grid">
        {(['sms', 'whatsapp'] as const).map((channel) => {
          const p = providers.find((x) => x.channel === channel);
          const label = channel === 'sms' ? t('channel.sms') : t('channel.whatsapp');
          const sms = channel === 'sms';
          return (
            <form key={channel} className="card" aria-label={t('channelsSetup.provider', { channel: label })} onSubmit={(e) => { e.preventDefault(); save(channel, e.currentTarget); }}>
              <h3>{t('channelsSetup.provider', { channel: label })}</h3>
              <p className="muted">{sms ? t('channelsSetup.twilio') : t('channelsSetup.meta')}</p>
              <label>{sms ? t('channelsSetup.accountSid') : t('channelsSetup.phoneNumberId')}<input name="accountId" defaultValue={p?.accountId ?? ''} required /></label>
              <label>{sms ? t('channelsSetup.authToken') : t('channelsSetup.accessToken')}<input name="apiKey" type="password" autoComplete="off" placeholder={p ? t('channelsSetup.stored') : ''} required /></label>
              <label>{sms ? t('channelsSetup.from') : t('channelsSetup.businessNumber')}<input name="sender" defaultValue={p?.sender} required /></label>
              {!sms && <label>{t('channelsSetup.appSecret')}<input name="appSecret" type="password" autoComplete="off" placeholder={p ? t('channelsSetup.stored') : ''} required /></label>}
              {!sms && <label>{t('channelsSetup.verifyToken')}<input name="verifyToken" type="password" autoComplete="off" placeholder={p ? t('channelsSetup.stored') : ''} required /></label>}
              <label>{t('channelsSetup.apiAddress')}<input name="baseUrl" type="url" placeholder={sms ? 'https://api.twilio.com' : 'https://graph.facebook.com'} /></label>
              {p && (sms
                ? <p className="muted"><Trans i18nKey="channelsSetup.twilioWebhook" values={{ url: p.inboundWebhookUrl }} components={[<code key="url" />]} /></p>
                : <p className="muted"><Trans i18nKey="channelsSetup.metaWebhook" values={{ url: p.inboundWebhookUrl }} components={[<code key="url" />]} /></p>)}
              <button type="submit">{t('channelsSetup.save', { channel: label })}</button>
            </form>
          );
        })}
        <div className="card">
          <h3>{t('channelsSetup.letters')}</h3>
          <p className="muted">{t('channelsSetup.lettersHelp')}</p>
          <button onClick={() => printer.mutate()}>{t('channelsSetup.print')}</button>
          {batch && (batch.batchId
            ? <p>{t('channelsSetup.ready', { count: batch.letters })} <a href={`/api/v1/outreach/letters/batches/${batch.batchId}/pdf`}>{t('channelsSetup.download')}</a>{batch.suppressed ? t('channelsSetup.suppressed', { count: batch.suppressed }) : ''}</p>
            : <p className="muted">{t('channelsSetup.noneWaiting', { suppressed: batch.suppressed ? t('channelsSetup.suppressed', { count: batch.suppressed }) : '' })}</p>)}
        </div>
      </div>
    </section>
  );
}
