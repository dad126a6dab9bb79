import { useState } from 'react';
import type { Attribute } from '../client-book/queries.ts';
import type { ApiResult } from '../../lib/api.ts';
import { useCreateAttribute, useCreateAttributeGroup, useDeleteAttribute, useUpdateAttribute } from './queries.ts';
import { useT } from '../../i18n/i18n.ts';

type AttributeGroup = ApiResult<'/api/v1/attribute-groups', 'get'>[number];
const TYPES: Attribute['dataType'][] = ['text', 'number', 'date', 'boolean', 'list'];

export function AttributesSection({ groups, onError, onMessage }: { groups: AttributeGroup[]; onError(e: unknown): void; onMessage(m: string | null): void }) {
  const { t } = useT();
  const [groupName, setGroupName] = useState('');
  const [draft, setDraft] = useState({ groupId: '', name: '', dataType: 'list' as Attribute['dataType'], canBeRefined: true, displayOrder: 1, listValues: '' });
  const createGroup = useCreateAttributeGroup();
  const create = useCreateAttribute();
  const update = useUpdateAttribute();
  const remove = useDeleteAttribute();
  const after = (done: string, then?: () => void) => { onError(null); return { onSuccess: () => { onMessage(done); then?.(); }, onError }; };
  return (
    <section className="card" aria-label={t('attributes.groups')}>
      <h2>{t('attributes.title')}</h2>
      <form className="row" onSubmit={(e) => { e.preventDefault(); createGroup.mutate({ name: groupName }, after(t('attributes.groupCreated'), () => setGroupName(''))); }}>
        <label>{t('attributes.newGroup')}<input value={groupName} onChange={(e) => setGroupName(e.target.value)} required /></label>
        <button type="submit">{t('attributes.createGroup')}</button>
      </form>
      {groups.map((g) => (
        <div key={g.id}>
          <h3>{g.name}</h3>
          <table>
            <thead><tr><th>{t('attributes.attribute')}</th><th>{t('attributes.typeHeading')}</th><th>{t('attributes.values')}</th><th>{t('attributes.canBeRefined')}</th><th>{t('attributes.displayOrder')}</th><th /></tr></thead>
            <tbody>
              {g.attributes.map((a) => (
                <tr key={a.id}>
                  <td>{a.name}</td><td>{t(`attributes.type.${a.dataType}`)}</td><td>{a.listValues.join(', ')}</td>
                  <td><input type="checkbox" aria-label={t('attributes.refinableLabel', { name: a.name })} checked={a.canBeRefined}
                    onChange={(e) => update.mutate({ id: a.id, canBeRefined: e.target.checked }, after(t('attributes.saved')))} /></td>
                  <td><input type="number" aria-label={t('attributes.orderLabel', { name: a.name })} defaultValue={a.displayOrder} style={{ width: '5rem' }}
                    onBlur={(e) => Number(e.target.value) !== a.displayOrder && update.mutate({ id: a.id, displayOrder: Number(e.target.value) }, after(t('attributes.orderSaved')))} /></td>
                  <td><button className="danger" onClick={() => window.confirm(t('attributes.confirmDelete', { name: a.name })) && remove.mutate(a.id, after(t('attributes.deleted')))}>{t('attributes.delete')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {groups.length > 0 && (
        <form className="row" aria-label={t('attributes.newAttribute')} onSubmit={(e) => { e.preventDefault(); create.mutate({
          groupId: draft.groupId || groups[0].id, name: draft.name, dataType: draft.dataType, canBeRefined: draft.canBeRefined, displayOrder: draft.displayOrder,
          ...(draft.dataType === 'list' ? { listValues: draft.listValues.split(',').map((v) => v.trim()).filter(Boolean) } : {}),
        }, after(t('attributes.created'), () => setDraft({ ...draft, name: '', listValues: '' }))); }}>
          <label>{t('attributes.group')}<select value={draft.groupId || groups[0].id} onChange={(e) => setDraft({ ...draft, groupId: e.target.value })}>{groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}</select></label>
          <label>{t('attributes.name')}<input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required /></label>
          <label>{t('attributes.typeHeading')}<select value={draft.dataType} onChange={(e) => setDraft({ ...draft, dataType: e.target.value as Attribute['dataType'] })}>
            {TYPES.map((k) => <option key={k} value={k}>{t(`attributes.type.${k}`)}</option>)}</select></label>
          {draft.dataType === 'list' && <label>{t('attributes.listValues')}<input value={draft.listValues} onChange={(e) => setDraft({ ...draft, listValues: e.target.value })} /></label>}
          <label className="inline"><input type="checkbox" checked={draft.canBeRefined} onChange={(e) => setDraft({ ...draft, canBeRefined: e.target.checked })} /> {t('attributes.canBeRefined')}</label>
          <label>{t('attributes.displayOrder')}<input type="number" value={draft.displayOrder} onChange={(e) => setDraft({ ...draft, displayOrder: Number(e.target.value) })} style={{ width: '5rem' }} /></label>
          <button type="submit">{t('attributes.add')}</button>
        </form>
      )}
    </section>
  );
}
