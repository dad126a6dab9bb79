import { useEffect, useState } from 'react';
import { ChannelWarnings } from './channel-warnings.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { CHANNEL_LABEL, PROMPT_LABEL, PROMPT_TYPES, type Channel } from './types.ts';
import { ChannelsSetup } from './channels-setup.tsx';
import {
  useDeleteTemplate, useOutreachSettings, useSaveOutreachSettings, useSaveTemplate, useTemplates, type Settings, type Template, type TemplateBody,
} from './queries.ts';
import './outreach.css';
import { useT } from '../../i18n/i18n.ts';

type PromptType = keyof Settings['prompts'];
type PromptSetting = Settings['prompts'][PromptType];
// The prompts head office sets up, in the order the labels list them.
const PROMPTS = PROMPT_TYPES as PromptType[];

const EMPTY = { id: '', name: '', purpose: 'personal', channel: 'email' as Channel, language: 'en', subject: '', body: '', whatsappTemplateName: '' };

/** Head office: message templates per channel and language, and the prompts' settings. */
export function TemplatesPage() {
  const { t: tr } = useT();
  const promptLabel = (p: string) => tr(`outreach.prompt.${p}` as 'outreach.prompt.birthday', { defaultValue: PROMPT_LABEL[p] ?? p });
  const daysLabel = (p: string) => tr(`templates.days.${p}` as 'templates.days.birthday');
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
    saveTemplate.mutate({ id: form.id || null, body }, { onSuccess: () => { setNotice(tr('templates.saved', { name: form.name })); setForm(EMPTY); } });
  }

  function remove(t: Template) {
    if (!window.confirm(tr('templates.confirmDelete', { name: t.name, language: t.language }))) return;
    deleteTemplate.mutate(t.id);
  }

  function saveSettings(e: React.FormEvent) {
    e.preventDefault();
    if (settings) saveSettingsCall.mutate(settings, { onSuccess: () => setNotice(tr('templates.settingsSaved')) });
  }
  const setPrompt = (type: PromptType, patch: Partial<PromptSetting>) =>
    setSettings((s) => s && { ...s, prompts: { ...s.prompts, [type]: { ...s.prompts[type], ...patch } } });

  return (
    <div>
      <h1>{tr('templates.title')}</h1>
      <ChannelWarnings />
      {notice && <p className="ok" role="status">{notice}</p>}
      <ErrorNote error={error} />

      <h2>{tr('templates.templates')}</h2>
      <p className="muted">{tr('templates.fields')} {'{{customer.firstName}}'}, {'{{customer.lastName}}'}, {'{{associate.name}}'}, {'{{associate.firstName}}'}, {'{{store.name}}'}, {'{{store.phone}}'}, {'{{product.name}}'}, {'{{product.price}}'}, {'{{product.careInstructions}}'}</p>
      <table aria-label={tr('templates.templates')}>
        <thead><tr><th>{tr('templates.name')}</th><th>{tr('templates.purpose')}</th><th>{tr('templates.channel')}</th><th>{tr('templates.language')}</th><th /></tr></thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td><td>{t.purpose === 'personal' ? tr('templates.personal') : promptLabel(t.purpose)}</td><td>{tr(`channel.${t.channel}`)}</td><td>{t.language}</td>
              <td className="row">
                <button className="secondary" aria-label={tr('templates.editLabel', { name: t.name, channel: t.channel, language: t.language })} onClick={() => setForm({ ...EMPTY, ...t, subject: t.subject ?? '', whatsappTemplateName: t.whatsappTemplateName ?? '' })}>{tr('templates.edit')}</button>
                <button className="secondary" aria-label={tr('templates.deleteLabel', { name: t.name, channel: t.channel, language: t.language })} onClick={() => remove(t)}>{tr('templates.delete')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <form className="card" onSubmit={save} aria-label={tr('templates.template')} style={{ marginTop: '1rem' }}>
        <h3>{form.id ? tr('templates.editTemplate') : tr('templates.newTemplate')}</h3>
        <div className="settings-grid">
          <label>{tr('templates.name')}<input value={form.name} onChange={(e) => set('name', e.target.value)} required /></label>
          <label>{tr('templates.purpose')}
            <select value={form.purpose} onChange={(e) => set('purpose', e.target.value)}>
              <option value="personal">{tr('templates.personal')}</option>
              {PROMPT_TYPES.map((p) => <option key={p} value={p}>{promptLabel(p)}</option>)}
            </select>
          </label>
          <label>{tr('templates.channel')}
            <select value={form.channel} onChange={(e) => set('channel', e.target.value)}>
              {(Object.keys(CHANNEL_LABEL) as Channel[]).map((c) => <option key={c} value={c}>{tr(`channel.${c}`)}</option>)}
            </select>
          </label>
          <label>{tr('templates.language')}<input value={form.language} onChange={(e) => set('language', e.target.value)} pattern="[a-z]{2}" required /></label>
        </div>
        {form.channel === 'whatsapp' && <label>{tr('templates.whatsappName')}<input value={form.whatsappTemplateName} onChange={(e) => set('whatsappTemplateName', e.target.value)} /></label>}
        {(form.channel === 'email' || form.channel === 'mail') && <label>{tr('templates.subject')}<input value={form.subject} onChange={(e) => set('subject', e.target.value)} /></label>}
        <label>{tr('templates.text')}<textarea rows={6} value={form.body} onChange={(e) => set('body', e.target.value)} required /></label>
        <div className="row">
          <button type="submit">{tr('templates.save')}</button>
          {form.id && <button type="button" className="secondary" onClick={() => setForm(EMPTY)}>{tr('templates.newTemplate')}</button>}
        </div>
      </form>

      <h2>{tr('templates.prompts')}</h2>
      {settings && (
        <form className="card" onSubmit={saveSettings} aria-label={tr('templates.promptSettings')}>
          <div className="settings-grid">
            <label>{tr('templates.quietFrom')}<input type="time" value={settings.quietHours.start} onChange={(e) => setSettings({ ...settings, quietHours: { ...settings.quietHours, start: e.target.value } })} /></label>
            <label>{tr('templates.quietUntil')}<input type="time" value={settings.quietHours.end} onChange={(e) => setSettings({ ...settings, quietHours: { ...settings.quietHours, end: e.target.value } })} /></label>
            <label>{tr('templates.cap')}<input type="number" min={0} max={50} value={settings.frequencyCapPerWeek} onChange={(e) => setSettings({ ...settings, frequencyCapPerWeek: Number(e.target.value) })} /></label>
          </div>
          <table aria-label={tr('templates.promptTypes')}>
            <thead><tr><th>{tr('templates.prompt')}</th><th>{tr('templates.whatHappens')}</th><th>{tr('templates.daysHeading')}</th><th>{tr('templates.autoTemplate')}</th></tr></thead>
            <tbody>
              {PROMPTS.map((p) => (
                <tr key={p}>
                  <td>{promptLabel(p)}</td>
                  <td>
                    <select aria-label={tr('templates.mode', { prompt: promptLabel(p) })} value={settings.prompts[p].mode} onChange={(e) => setPrompt(p, { mode: e.target.value as PromptSetting['mode'] })}>
                      <option value="task">{tr('templates.task')}</option>
                      <option value="automatic">{tr('templates.automatic')}</option>
                      <option value="off">{tr('templates.off')}</option>
                    </select>
                  </td>
                  <td><input type="number" min={0} max={365} aria-label={tr('templates.daysLabel', { prompt: promptLabel(p), days: daysLabel(p) })} value={settings.prompts[p].days} onChange={(e) => setPrompt(p, { days: Number(e.target.value) })} /></td>
                  <td>
                    <select aria-label={tr('templates.templateLabel', { prompt: promptLabel(p) })} value={settings.prompts[p].templateName ?? ''} onChange={(e) => setPrompt(p, { templateName: e.target.value || null })}>
                      <option value="">{tr('templates.none')}</option>
                      {[...new Set([...templates.map((t) => t.name), ...(settings.prompts[p].templateName ? [settings.prompts[p].templateName!] : [])])].map((n) => <option key={n} value={n}>{n}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" style={{ marginTop: '.75rem' }}>{tr('templates.saveSettings')}</button>
        </form>
      )}

      <ChannelsSetup />
    </div>
  );
}
