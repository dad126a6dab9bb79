import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useAttributeGroups } from '../client-book/queries.ts';
import { AttributesSection } from './attributes-section.tsx';
import { ActivityTypesSection } from './activity-types-section.tsx';
import { useCardMeasureChoices, usePatchSetup, useSaveNumberSequence, useSetup, type Setup } from './queries.ts';
import { useT } from '../../i18n/i18n.ts';
import { serverText } from '../../i18n/server-text.ts';

function NumberSequenceForm({ setup, onError, onMessage }: { setup: Setup; onError(e: unknown): void; onMessage(m: string): void }) {
  const [seq, setSeq] = useState({ prefix: setup.numberSequence.prefix, padding: setup.numberSequence.padding, nextValue: setup.numberSequence.nextValue });
  const { t } = useT();
  const save = useSaveNumberSequence();
  const submit = (e: FormEvent) => { e.preventDefault(); onError(null); save.mutate(seq, { onSuccess: () => onMessage(t('setup.sequenceSaved')), onError }); };
  return (
    <form className="row" onSubmit={submit}>
      <label>{t('setup.prefix')}<input value={seq.prefix} onChange={(e) => setSeq({ ...seq, prefix: e.target.value })} /></label>
      <label>{t('setup.digits')}<input type="number" min={1} max={12} value={seq.padding} onChange={(e) => setSeq({ ...seq, padding: Number(e.target.value) })} /></label>
      <label>{t('setup.nextNumber')}<input type="number" min={1} value={seq.nextValue} onChange={(e) => setSeq({ ...seq, nextValue: Number(e.target.value) })} /></label>
      <button type="submit">{t('setup.saveSequence')}</button>
      <span className="muted">{t('setup.nextId', { id: `${seq.prefix}${String(seq.nextValue).padStart(seq.padding, '0')}` })}</span>
    </form>
  );
}

/** Head-office clienteling set-up (the seed's Commerce parameters, attribute groups and activity types). */
export function SetupPage() {
  const { t } = useT();
  const setupQuery = useSetup();
  const setup = setupQuery.data;
  const groupsQuery = useAttributeGroups();
  const groups = groupsQuery.data ?? [];
  const measuresQuery = useCardMeasureChoices();
  const measures = measuresQuery.data ?? [];
  const [actionError, setActionError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const patcher = usePatchSetup();
  const patch = (body: Parameters<typeof patcher.mutate>[0], done: string) => {
    setActionError(null); setMessage(null);
    patcher.mutate(body, { onSuccess: () => setMessage(done), onError: setActionError });
  };
  const error = actionError ?? setupQuery.error ?? groupsQuery.error ?? measuresQuery.error;
  if (!setup) return error ? <ErrorNote error={error} /> : <p className="loading">{t('common.loading')}</p>;
  const measureSlots = [0, 1, 2];

  return (
    <div className="setup">
      <h1>{t('setup.title')}</h1>
      <ErrorNote error={error} />
      {message && <p role="status" className="ok">{message}</p>}

      <section className="card" aria-label={t('setup.clienteling')}>
        <h2>{t('setup.clienteling')}</h2>
        <label className="inline"><input type="checkbox" checked={setup.enabled} onChange={(e) => patch({ enabled: e.target.checked }, e.target.checked ? t('setup.on') : t('setup.off'))} /> {t('setup.enabled')}</label>
        <label className="inline"><input type="checkbox" checked={setup.allowMultipleBooks} onChange={(e) => patch({ allowMultipleBooks: e.target.checked }, t('setup.saved'))} /> {t('setup.multipleBooks')}</label>
      </section>

      <section className="card" aria-label={t('setup.sequence')}>
        <h2>{t('setup.identifiers')}</h2>
        <NumberSequenceForm setup={setup} onError={setActionError} onMessage={setMessage} />
      </section>

      <section className="card" aria-label={t('setup.card')}>
        <h2>{t('setup.card')}</h2>
        <label>{t('setup.attributeGroup')}
          <select value={setup.clientBookAttributeGroupId ?? ''} onChange={(e) => patch({ clientBookAttributeGroupId: e.target.value || null }, t('setup.groupSaved'))}>
            <option value="">{t('setup.none')}</option>
            {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
        </label>
        <p className="muted">{t('setup.cardHelp')}</p>
        <div className="row">
          {measureSlots.map((i) => (
            <label key={i}>{t('setup.measure', { n: i + 1 })}
              <select value={setup.cardMeasureKeys[i] ?? ''} onChange={(e) => {
                const keys = [...setup.cardMeasureKeys];
                if (e.target.value) keys[i] = e.target.value; else keys.splice(i, 1);
                patch({ cardMeasureKeys: keys.filter(Boolean) }, t('setup.measuresSaved'));
              }}>
                <option value="">{t('setup.none')}</option>
                {/* A built-in measure's key names it in the catalogue (head office's own cannot take those keys). */}
                {measures.map((m) => <option key={m.key} value={m.key}>{serverText(t, 'measureName', { key: m.key }, m.name)}</option>)}
              </select>
            </label>
          ))}
        </div>
      </section>

      <AttributesSection groups={groups} onError={setActionError} onMessage={setMessage} />
      <ActivityTypesSection onError={setActionError} onMessage={setMessage} />
    </div>
  );
}
