import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import type { AttributeGroup } from '../client-book/types.ts';
import { AttributesSection } from './attributes-section.tsx';
import { ActivityTypesSection } from './activity-types-section.tsx';

interface Setup {
  enabled: boolean; clientBookAttributeGroupId: string | null; cardMeasureKeys: string[]; allowMultipleBooks: boolean;
  numberSequence: { prefix: string; padding: number; nextValue: number };
}
interface Measure { key: string; name: string }

/** Head-office clienteling set-up (the seed's Commerce parameters, attribute groups and activity types). */
export function SetupPage() {
  const [setup, setSetup] = useState<Setup | null>(null);
  const [groups, setGroups] = useState<AttributeGroup[]>([]);
  const [measures, setMeasures] = useState<Measure[]>([]);
  const [seq, setSeq] = useState({ prefix: '', padding: 6, nextValue: 1 });
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const loadGroups = useCallback(() => api<AttributeGroup[]>('attribute-groups').then(setGroups), []);
  useEffect(() => {
    api<Setup>('setup/clienteling').then((s) => { setSetup(s); setSeq({ prefix: s.numberSequence.prefix, padding: s.numberSequence.padding, nextValue: s.numberSequence.nextValue }); }).catch((e) => setError(e.message));
    api<Measure[]>('setup/measures').then(setMeasures).catch(() => {});
    loadGroups().catch(() => {});
  }, [loadGroups]);

  // Shown at once (a switch that waits for the server looks broken), then the server's answer; put back if refused.
  const patch = async (body: Partial<Setup>, done: string) => {
    setError(null); setMessage(null);
    const before = setup;
    setSetup((s) => (s ? { ...s, ...body } : s));
    try { setSetup(await api<Setup>('setup/clienteling', { method: 'PATCH', body })); setMessage(done); } catch (e) { setSetup(before); setError(e instanceof ApiError ? e.message : String(e)); }
  };
  if (!setup) return error ? <p role="alert" className="error">{error}</p> : <p className="loading">Loading…</p>;
  const measureSlots = [0, 1, 2];

  return (
    <div className="setup">
      <h1>Clienteling set-up</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {message && <p role="status" className="ok">{message}</p>}

      <section className="card" aria-label="Clienteling">
        <h2>Clienteling</h2>
        <label className="inline"><input type="checkbox" checked={setup.enabled} onChange={(e) => patch({ enabled: e.target.checked }, e.target.checked ? 'Clienteling is on.' : 'Clienteling is off.')} /> Clienteling enabled</label>
        <label className="inline"><input type="checkbox" checked={setup.allowMultipleBooks} onChange={(e) => patch({ allowMultipleBooks: e.target.checked }, 'Saved.')} /> Allow a customer in several client books (one primary owner)</label>
      </section>

      <section className="card" aria-label="Client book number sequence">
        <h2>Client book identifiers</h2>
        <form className="row" onSubmit={(e) => { e.preventDefault(); setError(null);
          api<Setup>('setup/clienteling/number-sequence', { method: 'PUT', body: seq }).then((s) => { setSetup(s); setMessage('Number sequence saved.'); }).catch((x) => setError(x.message)); }}>
          <label>Prefix<input value={seq.prefix} onChange={(e) => setSeq({ ...seq, prefix: e.target.value })} /></label>
          <label>Digits<input type="number" min={1} max={12} value={seq.padding} onChange={(e) => setSeq({ ...seq, padding: Number(e.target.value) })} /></label>
          <label>Next number<input type="number" min={1} value={seq.nextValue} onChange={(e) => setSeq({ ...seq, nextValue: Number(e.target.value) })} /></label>
          <button type="submit">Save number sequence</button>
          <span className="muted">Next ID: {seq.prefix}{String(seq.nextValue).padStart(seq.padding, '0')}</span>
        </form>
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

      <AttributesSection groups={groups} reload={loadGroups} onError={setError} onMessage={setMessage} />
      <ActivityTypesSection onError={setError} onMessage={setMessage} />
    </div>
  );
}
