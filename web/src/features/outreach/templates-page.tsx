import { useEffect, useState } from 'react';
import { ChannelWarnings } from './channel-warnings.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { CHANNEL_LABEL, PROMPT_LABEL, PROMPT_TYPES, type Channel } from './types.ts';
import { ChannelsSetup } from './channels-setup.tsx';
import {
  useDeleteTemplate, useOutreachSettings, useSaveOutreachSettings, useSaveTemplate, useTemplates, type Settings, type Template, type TemplateBody,
} from './queries.ts';
import './outreach.css';

type PromptType = keyof Settings['prompts'];
type PromptSetting = Settings['prompts'][PromptType];
// The prompts head office sets up, in the order the labels list them.
const PROMPTS = PROMPT_TYPES as PromptType[];

const EMPTY = { id: '', name: '', purpose: 'personal', channel: 'email' as Channel, language: 'en', subject: '', body: '', whatsappTemplateName: '' };
const DAYS_LABEL: Record<string, string> = {
  'save-the-sale': 'Days of browsing to look back', birthday: 'Days ahead', anniversary: 'Days ahead', 'new-arrivals': 'Arrivals of the last days',
  'thank-you': 'Days after purchase', 'care-instructions': 'Days after purchase', 'satisfaction-check': 'Days after purchase',
};

/** Head office: message templates per channel and language, and the prompts' settings. */
export function TemplatesPage() {
  const templatesQuery = useTemplates();
  const templates = templatesQuery.data ?? [];
  const [form, setForm] = useState(EMPTY);
  const settingsQuery = useOutreachSettings();
  // The form edits a copy of the settings as loaded (and as saved).
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => { if (settingsQuery.data) setSettings(settingsQuery.data); }, [settingsQuery.data]);
  const saveTemplate = useSaveTemplate();
  const deleteTemplate = useDeleteTemplate();
  const saveSettingsCall = useSaveOutreachSettings();
  const error = templatesQuery.error ?? settingsQuery.error ?? saveTemplate.error ?? deleteTemplate.error ?? saveSettingsCall.error;
  const [notice, setNotice] = useState<string | null>(null);

  const set = (k: keyof typeof EMPTY, v: string) => setForm((f) => ({ ...f, [k]: v }));

  function save(e: React.FormEvent) {
    e.preventDefault();
    const body: TemplateBody = {
      name: form.name, purpose: form.purpose, channel: form.channel, language: form.language, body: form.body,
      subject: form.subject || null, whatsappTemplateName: form.channel === 'whatsapp' ? form.whatsappTemplateName || null : null,
    };
    saveTemplate.mutate({ id: form.id || null, body }, { onSuccess: () => { setNotice(`Template “${form.name}” saved.`); setForm(EMPTY); } });
  }

  function remove(t: Template) {
    if (!window.confirm(`Delete the template “${t.name}” (${t.language})?`)) return;
    deleteTemplate.mutate(t.id);
  }

  function saveSettings(e: React.FormEvent) {
    e.preventDefault();
    if (settings) saveSettingsCall.mutate(settings, { onSuccess: () => setNotice('Prompt settings saved.') });
  }
  const setPrompt = (type: PromptType, patch: Partial<PromptSetting>) =>
    setSettings((s) => s && { ...s, prompts: { ...s.prompts, [type]: { ...s.prompts[type], ...patch } } });

  return (
    <div>
      <h1>Outreach set-up</h1>
      <ChannelWarnings />
      {notice && <p className="ok" role="status">{notice}</p>}
      <ErrorNote error={error} />

      <h2>Templates</h2>
      <p className="muted">Fields: {'{{customer.firstName}}'}, {'{{customer.lastName}}'}, {'{{associate.name}}'}, {'{{associate.firstName}}'}, {'{{store.name}}'}, {'{{store.phone}}'}, {'{{product.name}}'}, {'{{product.price}}'}, {'{{product.careInstructions}}'}</p>
      <table aria-label="Templates">
        <thead><tr><th>Name</th><th>Purpose</th><th>Channel</th><th>Language</th><th /></tr></thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td><td>{PROMPT_LABEL[t.purpose] ?? t.purpose}</td><td>{CHANNEL_LABEL[t.channel]}</td><td>{t.language}</td>
              <td className="row">
                <button className="secondary" aria-label={`Edit ${t.name} ${t.channel} ${t.language}`} onClick={() => setForm({ ...EMPTY, ...t, subject: t.subject ?? '', whatsappTemplateName: t.whatsappTemplateName ?? '' })}>Edit</button>
                <button className="secondary" aria-label={`Delete ${t.name} ${t.channel} ${t.language}`} onClick={() => remove(t)}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <form className="card" onSubmit={save} aria-label="Template" style={{ marginTop: '1rem' }}>
        <h3>{form.id ? 'Edit template' : 'New template'}</h3>
        <div className="settings-grid">
          <label>Name<input value={form.name} onChange={(e) => set('name', e.target.value)} required /></label>
          <label>Purpose
            <select value={form.purpose} onChange={(e) => set('purpose', e.target.value)}>
              <option value="personal">Personal</option>
              {PROMPT_TYPES.map((p) => <option key={p} value={p}>{PROMPT_LABEL[p]}</option>)}
            </select>
          </label>
          <label>Channel
            <select value={form.channel} onChange={(e) => set('channel', e.target.value)}>
              {(Object.keys(CHANNEL_LABEL) as Channel[]).map((c) => <option key={c} value={c}>{CHANNEL_LABEL[c]}</option>)}
            </select>
          </label>
          <label>Language<input value={form.language} onChange={(e) => set('language', e.target.value)} pattern="[a-z]{2}" required /></label>
        </div>
        {form.channel === 'whatsapp' && <label>Approved WhatsApp template name<input value={form.whatsappTemplateName} onChange={(e) => set('whatsappTemplateName', e.target.value)} /></label>}
        {(form.channel === 'email' || form.channel === 'mail') && <label>Subject<input value={form.subject} onChange={(e) => set('subject', e.target.value)} /></label>}
        <label>Text<textarea rows={6} value={form.body} onChange={(e) => set('body', e.target.value)} required /></label>
        <div className="row">
          <button type="submit">Save template</button>
          {form.id && <button type="button" className="secondary" onClick={() => setForm(EMPTY)}>New template</button>}
        </div>
      </form>

      <h2>Prompts</h2>
      {settings && (
        <form className="card" onSubmit={saveSettings} aria-label="Prompt settings">
          <div className="settings-grid">
            <label>Quiet hours from<input type="time" value={settings.quietHours.start} onChange={(e) => setSettings({ ...settings, quietHours: { ...settings.quietHours, start: e.target.value } })} /></label>
            <label>Quiet hours until<input type="time" value={settings.quietHours.end} onChange={(e) => setSettings({ ...settings, quietHours: { ...settings.quietHours, end: e.target.value } })} /></label>
            <label>Messages per customer per week<input type="number" min={0} max={50} value={settings.frequencyCapPerWeek} onChange={(e) => setSettings({ ...settings, frequencyCapPerWeek: Number(e.target.value) })} /></label>
          </div>
          <table aria-label="Prompt types">
            <thead><tr><th>Prompt</th><th>What happens</th><th>Days</th><th>Template for automatic sends</th></tr></thead>
            <tbody>
              {PROMPTS.map((p) => (
                <tr key={p}>
                  <td>{PROMPT_LABEL[p]}</td>
                  <td>
                    <select aria-label={`${PROMPT_LABEL[p]} mode`} value={settings.prompts[p].mode} onChange={(e) => setPrompt(p, { mode: e.target.value as PromptSetting['mode'] })}>
                      <option value="task">Task for the associate</option>
                      <option value="automatic">Send automatically</option>
                      <option value="off">Off</option>
                    </select>
                  </td>
                  <td><input type="number" min={0} max={365} aria-label={`${PROMPT_LABEL[p]}: ${DAYS_LABEL[p]}`} value={settings.prompts[p].days} onChange={(e) => setPrompt(p, { days: Number(e.target.value) })} /></td>
                  <td>
                    <select aria-label={`${PROMPT_LABEL[p]} template`} value={settings.prompts[p].templateName ?? ''} onChange={(e) => setPrompt(p, { templateName: e.target.value || null })}>
                      <option value="">None</option>
                      {[...new Set([...templates.map((t) => t.name), ...(settings.prompts[p].templateName ? [settings.prompts[p].templateName!] : [])])].map((n) => <option key={n} value={n}>{n}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" style={{ marginTop: '.75rem' }}>Save prompt settings</button>
        </form>
      )}

      <ChannelsSetup />
    </div>
  );
}
