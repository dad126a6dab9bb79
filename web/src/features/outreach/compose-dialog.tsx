import { useEffect, useMemo, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { CHANNEL_LABEL, type Channel } from './types.ts';
import { usePreview, useReachOut, useSend, useTemplates, type Task } from './queries.ts';
import './outreach.css';

const CONSENT_LABEL: Record<string, string> = { granted: 'consented', refused: 'no consent', 'opted-out': 'opted out', unknown: 'consent not recorded' };

/**
 * Write to a customer: template picker, channel (defaulting to the preferred consented one), preview as the
 * customer will see it, then send. Opened from the customer page and from a task in "Today".
 */
export function ComposeDialog({ customerId, customerName, task, onClose, onSent }: {
  customerId: string; customerName: string; task?: Task; onClose(): void; onSent(): void;
}) {
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
    <div className="compose" role="dialog" aria-modal="true" aria-label={`Reach out to ${customerName}`}>
      <div className="card">
        <h2>Reach out to {customerName}</h2>
        {task && <p className="muted">{task.title}</p>}
        {!options && !error && <p className="muted">Loading…</p>}
        {options && (
          <>
            <p className="muted">{options.budget.used} of {options.budget.cap} messages this week</p>
            <label>Channel
              <select value={channel} onChange={(e) => { setChannel(e.target.value as Channel); setPreview(null); }}>
                <option value="">Choose…</option>
                {options.channels.map((c) => (
                  <option key={c.channel} value={c.channel} disabled={!c.usable}>
                    {CHANNEL_LABEL[c.channel]}{c.address ? ` — ${c.address.split('\n')[0]}` : ' — no address'} ({CONSENT_LABEL[c.consent] ?? c.consent})
                  </option>
                ))}
              </select>
            </label>
            {!options.defaultChannel && <p className="error">The customer has not consented to any channel we can use.</p>}
            <label>Template
              <select value={templateId} onChange={(e) => choose(e.target.value)} disabled={!channel}>
                <option value="">Personal message (no template)</option>
                {forChannel.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.language})</option>)}
              </select>
            </label>
            {(channel === 'email' || channel === 'mail') && (
              <label>Subject<input value={subject} onChange={(e) => { setSubject(e.target.value); setPreview(null); }} /></label>
            )}
            <label>Message<textarea rows={6} value={body} onChange={(e) => { setBody(e.target.value); setPreview(null); }} /></label>
            {preview && (
              <section aria-label="Preview">
                <h3>Preview</h3>
                <p className="muted">To {preview.to ?? '—'}{preview.scheduledFor ? ` · goes out after quiet hours, ${new Date(preview.scheduledFor).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : ''}</p>
                {preview.subject && <p><strong>{preview.subject}</strong></p>}
                <div className="preview">{preview.body}</div>
                {preview.warnings.length > 0 && <ul className="warnings">{preview.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
              </section>
            )}
          </>
        )}
        <ErrorNote error={error} />
        <div className="row">
          <button className="secondary" onClick={onClose}>Close</button>
          <button className="secondary" onClick={doPreview} disabled={!channel || !body.trim()}>Preview</button>
          <button onClick={send} disabled={!preview || !preview.canSend || sender.isPending}>Send</button>
        </div>
      </div>
    </div>
  );
}
