import { useState } from 'react';
import type { Attribute } from '../client-book/queries.ts';
import type { ApiResult } from '../../lib/api.ts';
import { useCreateAttribute, useCreateAttributeGroup, useDeleteAttribute, useUpdateAttribute } from './queries.ts';

type AttributeGroup = ApiResult<'/api/v1/attribute-groups', 'get'>[number];
const TYPES: Record<Attribute['dataType'], string> = { text: 'Text', number: 'Number', date: 'Date', boolean: 'Yes/no', list: 'List of values' };

export function AttributesSection({ groups, onError, onMessage }: { groups: AttributeGroup[]; onError(e: unknown): void; onMessage(m: string | null): void }) {
  const [groupName, setGroupName] = useState('');
  const [draft, setDraft] = useState({ groupId: '', name: '', dataType: 'list' as Attribute['dataType'], canBeRefined: true, displayOrder: 1, listValues: '' });
  const createGroup = useCreateAttributeGroup();
  const create = useCreateAttribute();
  const update = useUpdateAttribute();
  const remove = useDeleteAttribute();
  const after = (done: string, then?: () => void) => { onError(null); return { onSuccess: () => { onMessage(done); then?.(); }, onError }; };
  return (
    <section className="card" aria-label="Attribute groups">
      <h2>Attribute groups and attributes</h2>
      <form className="row" onSubmit={(e) => { e.preventDefault(); createGroup.mutate({ name: groupName }, after('Attribute group created.', () => setGroupName(''))); }}>
        <label>New attribute group<input value={groupName} onChange={(e) => setGroupName(e.target.value)} required /></label>
        <button type="submit">Create group</button>
      </form>
      {groups.map((g) => (
        <div key={g.id}>
          <h3>{g.name}</h3>
          <table>
            <thead><tr><th>Attribute</th><th>Type</th><th>Values</th><th>Can be refined</th><th>Display order</th><th /></tr></thead>
            <tbody>
              {g.attributes.map((a) => (
                <tr key={a.id}>
                  <td>{a.name}</td><td>{TYPES[a.dataType]}</td><td>{a.listValues.join(', ')}</td>
                  <td><input type="checkbox" aria-label={`${a.name} can be refined`} checked={a.canBeRefined}
                    onChange={(e) => update.mutate({ id: a.id, canBeRefined: e.target.checked }, after('Saved.'))} /></td>
                  <td><input type="number" aria-label={`${a.name} display order`} defaultValue={a.displayOrder} style={{ width: '5rem' }}
                    onBlur={(e) => Number(e.target.value) !== a.displayOrder && update.mutate({ id: a.id, displayOrder: Number(e.target.value) }, after('Display order saved.'))} /></td>
                  <td><button className="danger" onClick={() => window.confirm(`Delete ${a.name} and every customer's value?`) && remove.mutate(a.id, after('Attribute deleted.'))}>Delete</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {groups.length > 0 && (
        <form className="row" aria-label="New attribute" onSubmit={(e) => { e.preventDefault(); create.mutate({
          groupId: draft.groupId || groups[0].id, name: draft.name, dataType: draft.dataType, canBeRefined: draft.canBeRefined, displayOrder: draft.displayOrder,
          ...(draft.dataType === 'list' ? { listValues: draft.listValues.split(',').map((v) => v.trim()).filter(Boolean) } : {}),
        }, after('Attribute created.', () => setDraft({ ...draft, name: '', listValues: '' }))); }}>
          <label>Group<select value={draft.groupId || groups[0].id} onChange={(e) => setDraft({ ...draft, groupId: e.target.value })}>{groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}</select></label>
          <label>Attribute name<input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required /></label>
          <label>Type<select value={draft.dataType} onChange={(e) => setDraft({ ...draft, dataType: e.target.value as Attribute['dataType'] })}>
            {Object.entries(TYPES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></label>
          {draft.dataType === 'list' && <label>List values (comma separated)<input value={draft.listValues} onChange={(e) => setDraft({ ...draft, listValues: e.target.value })} /></label>}
          <label className="inline"><input type="checkbox" checked={draft.canBeRefined} onChange={(e) => setDraft({ ...draft, canBeRefined: e.target.checked })} /> Can be refined</label>
          <label>Display order<input type="number" value={draft.displayOrder} onChange={(e) => setDraft({ ...draft, displayOrder: Number(e.target.value) })} style={{ width: '5rem' }} /></label>
          <button type="submit">Add attribute</button>
        </form>
      )}
    </section>
  );
}
