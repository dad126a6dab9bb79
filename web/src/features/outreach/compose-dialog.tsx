import { useEffect, useMemo, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import type { Channel } from './types.ts';
import { useChannelStatus, usePreview, useReachOut, useSend, useTemplates, type Task } from './queries.ts';
import { useDebounced } from '../../lib/query.tsx';
import { channelProblem } from './channel-warnings.tsx';
import './outreach.css';
import { useT } from '../../i18n/i18n.ts';
import { usePhoneFormat } from '../../lib/phone.ts';
import { serverText } from '../../i18n/server-text.ts';


/**
 * Write to a customer: channel (defaulting to the preferred consented one), a template in the customer's language for
 * the task's occasion, filled in for this customer (never raw {{fields}}), a live preview, then send — no separate
 * Preview step. Opened from the customer page and from a task in "Today".
 */
export function ComposeDialog({ customerId, customerName, task, onClose, onSent }: {
  customerId: string; customerName: string; task?: Task; onClose(): void; onSent(): void;
}) {
  const { t: tr, format } = useT();
  const phone = usePhoneFormat();
  // Text messages, WhatsApp and calls go to a phone number; email and mail addresses are shown as they are.
  const address = (ch: string, a: string) => (ch === 'sms' || ch === 'whatsapp' || ch === 'phone' ? phone(a) : a);
  const reachOut = useReachOut(customerId);
  const templatesQuery = useTemplates(true);
  // Both are needed before anything can be chosen.
  const options = templatesQuery.data ? reachOut.data : undefined;
  const templates = templatesQuery.data ?? [];
  const channelStatus = useChannelStatus().data;
  const [channel, setChannel] = useState<Channel | ''>('');
  const [templateId, setTemplateId] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const filler = usePreview();
  const previewer = usePreview();
  const sender = useSend(customerId);
  const preview = previewer.data ?? null;
  const error = reachOut.error ?? templatesQuery.error ?? filler.error ?? sender.error ?? previewer.error;
  // One key per dialog: a double tap on Send sends once.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  useEffect(() => { if (options) setChannel(options.defaultChannel ?? ''); }, [options]);

  // The customer's language only (all languages when none is in theirs); the task's occasion first.
  const forChannel = templates.filter((t) => t.channel === channel);
  const inLanguage = forChannel.some((t) => t.language === options?.language) ? forChannel.filter((t) => t.language === options?.language) : forChannel;
  const forTask = task ? inLanguage.filter((t) => t.purpose === task.promptType) : inLanguage;
  const others = task ? inLanguage.filter((t) => t.purpose !== task.promptType) : [];
  useEffect(() => {
    if (!options || !channel) return;
    if (task && forTask[0]) choose(forTask[0].id);
    else if (templateId && !forChannel.some((t) => t.id === templateId)) choose('');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [options, channel]);

  /** A chosen template is filled in for this customer at once: the associate edits the text the customer will read. */
  function choose(id: string) {
    setTemplateId(id);
    const t = templates.find((x) => x.id === id);
    if (!t || !channel) { setSubject(''); setBody(''); return; }
    setSubject(t.subject ?? '');
    setBody(t.body);
    filler.mutate({ customerId, channel, templateId: id, productId: task?.productId ?? null }, {
      onSuccess: (p) => { setSubject(p.subject ?? ''); setBody(p.body); },
    });
  }

  const payload = (channel: Channel) => ({
    customerId, channel, templateId: templateId || null, subject: subject || null, body, productId: task?.productId ?? null,
  });

  // The preview follows the text as it is typed (after a pause), with the warnings the server gives.
  // Debounced as a string: equal text is an equal value, so a settled preview is asked once.
  const asked = useDebounced(JSON.stringify(channel && body.trim() && !filler.isPending ? payload(channel) : null), 400);
  useEffect(() => {
    const p = JSON.parse(asked) as ReturnType<typeof payload> | null;
    if (p) previewer.mutate(p); else previewer.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asked]);

  function send() {
    if (!channel) return;
    sender.mutate({ ...payload(channel), idempotencyKey, taskId: task?.id ?? null }, { onSuccess: onSent });
  }
  const notReady = channelStatus?.find((c) => c.channel === channel && !c.ready);

  return (
    <div className="compose" role="dialog" aria-modal="true" aria-label={tr('compose.title', { name: customerName })}>
      <div className="card">
        <h2>{tr('compose.title', { name: customerName })}</h2>
        {task && <p className="muted">{serverText(tr, 'task.title', task.titleText, task.title)}</p>}
        {!options && !error && <p className="muted">{tr('common.loading')}</p>}
        {options && (
          <>
            <p className="muted">{tr('compose.budget', { used: options.budget.used, cap: options.budget.cap })}</p>
            <label>{tr('compose.channel')}
              <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
                <option value="">{tr('compose.choose')}</option>
                {options.channels.map((c) => (
                  <option key={c.channel} value={c.channel} disabled={!c.usable}>
                    {tr(`channel.${c.channel}`)}{c.address ? ` — ${address(c.channel, c.address.split('\n')[0])}` : tr('compose.noAddress')} ({tr(`compose.consent.${c.consent}` as 'compose.consent.granted', { defaultValue: c.consent })})
                  </option>
                ))}
              </select>
            </label>
            {!options.defaultChannel && <p className="error">{tr('compose.noConsent')}</p>}
            {notReady && <p className="error" role="alert">{channelProblem(tr, notReady)} {tr('compose.wouldNotBeDelivered')}</p>}
            <label>{tr('compose.template')}
              <select value={templateId} onChange={(e) => choose(e.target.value)} disabled={!channel}>
                <option value="">{tr('compose.personal')}</option>
                {task
                  ? <>
                    {forTask.length > 0 && <optgroup label={tr('compose.forThisTask')}>{forTask.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</optgroup>}
                    {others.length > 0 && <optgroup label={tr('compose.otherTemplates')}>{others.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</optgroup>}
                  </>
                  : inLanguage.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
              </select>
            </label>
            {task && channel && !forTask.length && <p className="muted small">{tr('compose.noTemplateForTask', { channel: tr(`channel.${channel}`) })}</p>}
            {(channel === 'email' || channel === 'mail') && (
              <label>{tr('compose.subject')}<input value={subject} onChange={(e) => setSubject(e.target.value)} /></label>
            )}
            <label>{tr('compose.message')}<textarea rows={6} value={body} onChange={(e) => setBody(e.target.value)} /></label>
            {preview && (
              <section aria-label={tr('compose.preview')}>
                <h3>{tr('compose.preview')}</h3>
                <p className="muted">{tr('compose.to', { to: preview.to ? address(channel, preview.to) : '—' })}{preview.scheduledFor ? tr('compose.quietHours', { time: format.time(preview.scheduledFor) }) : ''}</p>
                {preview.subject && <p><strong>{preview.subject}</strong></p>}
                <div className="preview">{preview.body}</div>
                {preview.warnings.length > 0 && <ul className="warnings">{preview.warnings.map((w, i) => <li key={w}>{serverText(tr, 'composeWarning', preview.warningTexts?.[i], w)}</li>)}</ul>}
              </section>
            )}
          </>
        )}
        <ErrorNote error={error} fields={{ channel: tr('compose.channel'), templateId: tr('compose.template'), subject: tr('compose.subject'), body: tr('compose.message') }} />
        <div className="row">
          <button className="secondary" onClick={onClose}>{tr('compose.close')}</button>
          <button onClick={send} disabled={!channel || !body.trim() || filler.isPending || sender.isPending || (preview !== null && !preview.canSend)}>{tr('compose.send')}</button>
        </div>
      </div>
    </div>
  );
}
