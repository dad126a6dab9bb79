import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useAttributeGroups } from '../client-book/queries.ts';
import { AttributesSection } from './attributes-section.tsx';
import { ActivityTypesSection } from './activity-types-section.tsx';
import { useCardMeasureChoices, usePatchSetup, useSaveNumberSequence, useSetup, type Setup } from './queries.ts';

function NumberSequenceForm({ setup, onError, onMessage }: { setup: Setup; onError(e: unknown): void; onMessage(m: string): void }) {
  const [seq, setSeq] = useState({ prefix: setup.numberSequence.prefix, padding: setup.numberSequence.padding, nextValue: setup.numberSequence.nextValue });
  const save = useSaveNumberSequence();
  const submit = (e: FormEvent) => { e.preventDefault(); onError(null); save.mutate(seq, { onSuccess: () => onMessage('Number sequence saved.'), onError }); };
  return (
    <form className="row" onSubmit={submit}>
      <label>Prefix<input value={seq.prefix} onChange={(e) => setSeq({ ...seq, prefix: e.target.value })} /></label>
      <label>Digits<input type="number" min={1} max={12} value={seq.padding} onChange={(e) => setSeq({ ...seq, padding: Number(e.target.value) })} /></label>
      <label>Next number<input type="number" min={1} value={seq.nextValue} onChange={(e) => setSeq({ ...seq, nextValue: Number(e.target.value) })} /></label>
      <button type="submit">Save number sequence</button>
      <span className="muted">Next ID: {seq.prefix}{String(seq.nextValue).padStart(seq.padding, '0')}</span>
    </form>
  );
}

/** Head-office clienteling set-up (the seed's Commerce parameters, attribute groups and activity types). */
export function SetupPage() {
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
  if (!setup) return error ? <ErrorNote error={error} /> : <p className="loading">Loading…</p>;
  const measureSlots = [0, 1, 2];

  return (
    <div className="setup">
      <h1>Clienteling set-up</h1>
      <ErrorNote error={error} />
      {message && <p role="status" className="ok">{message}</p>}

      <section className="card" aria-label="Clienteling">
        <h2>Clienteling</h2>
        <label className="inline"><input type="checkbox" checked={setup.enabled} onChange={(e) => patch({ enabled: e.target.checked }, e.target.checked ? 'Clienteling is on.' : 'Clienteling is off.')} /> Clienteling enabled</label>
        <label className="inline"><input type="checkbox" checked={setup.allowMultipleBooks} onChange={(e) => patch({ allowMultipleBooks: e.target.checked }, 'Saved.')} /> Allow a customer in several client books (one primary owner)</label>
      </section>

      <section className="card" aria-label="Client book number sequence">
        <h2>Client book identifiers</h2>
        <NumberSequenceForm setup={setup} onError={setActionError} onMessage={setMessage} />
      </section>

      <section className="card" aria-label="Customer card">
        <h2>Customer card</h2>
        <label>Client book attribute group
          <select value={setup.clientBookAttributeGroupId ?? ''} onChange={(e) => patch({ clientBookAttributeGroupId: e.target.value || null }, 'Client book attribute group saved.')}>
            <option value="">None</option>
            {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
        </label>
        <p className="muted">The card shows the measures first, then the group's attributes by display order, up to three properties.</p>
        <div className="row">
          {measureSlots.map((i) => (
            <label key={i}>Measure {i + 1}
              <select value={setup.cardMeasureKeys[i] ?? ''} onChange={(e) => {
                const keys = [...setup.cardMeasureKeys];
                if (e.target.value) keys[i] = e.target.value; else keys.splice(i, 1);
                patch({ cardMeasureKeys: keys.filter(Boolean) }, 'Card measures saved.');
              }}>
                <option value="">None</option>
                {measures.map((m) => <option key={m.key} value={m.key}>{m.name}</option>)}
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
