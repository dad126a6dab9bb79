import { useEffect, useMemo, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import type { Channel } from './types.ts';
import { usePreview, useReachOut, useSend, useTemplates, type Task } from './queries.ts';
import './outreach.css';
import { useT } from '../../i18n/i18n.ts';


/**
 * Write to a customer: template picker, channel (defaulting to the preferred consented one), preview as the
 * customer will see it, then send. Opened from the customer page and from a task in "Today".
 */
export function ComposeDialog({ customerId, customerName, task, onClose, onSent }: {
  customerId: string; customerName: string; task?: Task; onClose(): void; onSent(): void;
}) {
  const { t: tr, format } = useT();
  const reachOut = useReachOut(customerId);
  const templatesQuery = useTemplates(true);
  // Both are needed before anything can be chosen.
  const options = templatesQuery.data ? reachOut.data : undefined;
  const templates = templatesQuery.data ?? [];
  const [channel, setChannel] = useState<Channel | ''>('');
  const [templateId, setTemplateId] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const previewer = usePreview();
  const sender = useSend(customerId);
  const preview = previewer.data ?? null;
  const setPreview = (_: null) => previewer.reset();
  const error = reachOut.error ?? templatesQuery.error ?? previewer.error ?? sender.error;
  // One key per dialog: a double tap on Send sends once.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  useEffect(() => { if (options) setChannel(options.defaultChannel ?? ''); }, [options]);

  const forChannel = templates.filter((t) => t.channel === channel);
  // Suggest the template for the task's occasion in the customer's language.
  useEffect(() => {
    if (!options || !channel) return;
    const fit = forChannel.filter((t) => !task || t.purpose === task.promptType);
    const pick = fit.find((t) => t.language === options.language) ?? fit[0];
    if (task && pick) choose(pick.id);
    else if (templateId && !forChannel.some((t) => t.id === templateId)) choose('');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [options, channel]);

  function choose(id: string) {
    setTemplateId(id);
    const t = templates.find((x) => x.id === id);
    setSubject(t?.subject ?? '');
    setBody(t?.body ?? '');
    setPreview(null);
  }

  const payload = (channel: Channel) => ({
    customerId, channel, templateId: templateId || null, subject: subject || null, body, productId: task?.productId ?? null,
  });

  function doPreview() {
    if (channel) previewer.mutate(payload(channel));
  }

  function send() {
    if (!preview || !channel) return;
    sender.mutate({ ...payload(channel), subject: preview.subject, body: preview.body, idempotencyKey, taskId: task?.id ?? null }, { onSuccess: onSent });
  }

  return (
    <div className="compose" role="dialog" aria-modal="true" aria-label={tr('compose.title', { name: customerName })}>
      <div className="card">
        <h2>{tr('compose.title', { name: customerName })}</h2>
        {task && <p className="muted">{task.title}</p>}
        {!options && !error && <p className="muted">{tr('common.loading')}</p>}
        {options && (
          <>
            <p className="muted">{tr('compose.budget', { used: options.budget.used, cap: options.budget.cap })}</p>
            <label>{tr('compose.channel')}
              <select value={channel} onChange={(e) => { setChannel(e.target.value as Channel); setPreview(null); }}>
                <option value="">{tr('compose.choose')}</option>
                {options.channels.map((c) => (
                  <option key={c.channel} value={c.channel} disabled={!c.usable}>
                    {tr(`channel.${c.channel}`)}{c.address ? ` — ${c.address.split('\n')[0]}` : tr('compose.noAddress')} ({tr(`compose.consent.${c.consent}` as 'compose.consent.granted', { defaultValue: c.consent })})
                  </option>
                ))}
              </select>
            </label>
            {!options.defaultChannel && <p className="error">{tr('compose.noConsent')}</p>}
            <label>{tr('compose.template')}
              <select value={templateId} onChange={(e) => choose(e.target.value)} disabled={!channel}>
                <option value="">{tr('compose.personal')}</option>
                {forChannel.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.language})</option>)}
              </select>
            </label>
            {(channel === 'email' || channel === 'mail') && (
              <label>{tr('compose.subject')}<input value={subject} onChange={(e) => { setSubject(e.target.value); setPreview(null); }} /></label>
            )}
            <label>{tr('compose.message')}<textarea rows={6} value={body} onChange={(e) => { setBody(e.target.value); setPreview(null); }} /></label>
            {preview && (
              <section aria-label={tr('compose.preview')}>
                <h3>{tr('compose.preview')}</h3>
                <p className="muted">{tr('compose.to', { to: preview.to ?? '—' })}{preview.scheduledFor ? tr('compose.quietHours', { time: format.time(preview.scheduledFor) }) : ''}</p>
                {preview.subject && <p><strong>{preview.subject}</strong></p>}
                <div className="preview">{preview.body}</div>
                {preview.warnings.length > 0 && <ul className="warnings">{preview.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
              </section>
            )}
          </>
        )}
        <ErrorNote error={error} />
        <div className="row">
          <button className="secondary" onClick={onClose}>{tr('compose.close')}</button>
          <button className="secondary" onClick={doPreview} disabled={!channel || !body.trim()}>{tr('compose.preview')}</button>
          <button onClick={send} disabled={!preview || !preview.canSend || sender.isPending}>{tr('compose.send')}</button>
        </div>
      </div>
    </div>
  );
}
