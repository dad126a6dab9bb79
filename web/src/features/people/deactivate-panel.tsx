import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useHandOverPreview, type Associate } from './queries.ts';

export interface DeactivateChoice { successorAssociateId?: string }

/**
 * Before head office deactivates someone: what happens to their client book by the legal entity's hand-over rule (to
 * the successor, or it stays in the store client book), and the store manager's task; with the successor rule, who
 * receives it can be picked here for this leaver.
 */
export function DeactivatePanel({ leaver, associates, busy, onConfirm, onCancel }: {
  leaver: Associate; associates: Associate[]; busy: boolean; onConfirm(choice: DeactivateChoice): void; onCancel(): void;
}) {
  const { t } = useT();
  const preview = useHandOverPreview(leaver.id);
  const p = preview.data;
  const [successor, setSuccessor] = useState('');
  useEffect(() => { if (p) setSuccessor(p.successorAssociateId ?? ''); }, [p]);
  const candidates = associates.filter((a) => a.active && a.id !== leaver.id);
  const successorName = candidates.find((a) => a.id === successor)?.displayName ?? p?.successorName ?? '';

  function confirm(e: FormEvent) {
    e.preventDefault();
    onConfirm(p?.canChooseSuccessor && successor ? { successorAssociateId: successor } : {});
  }

  return (
    <form className="card" aria-label={t('people.deactivateTitle', { name: leaver.displayName })} onSubmit={confirm}>
      <h2>{t('people.deactivateTitle', { name: leaver.displayName })}</h2>
      <ErrorNote error={preview.error} />
      {!p ? (!preview.error && <p className="muted">{t('common.loading')}</p>) : (
        <>
          <p role="status">
            {p.canChooseSuccessor && successor
              ? t('people.bookToSuccessor', { count: p.customerCount, successor: successorName })
              : t('people.bookToStore', { count: p.customerCount })}
            {' '}{t('people.managerTask')}
          </p>
          {p.canChooseSuccessor && (
            <label>{t('people.successor')}
              <select value={successor} onChange={(e) => setSuccessor(e.target.value)}>
                {!p.successorAssociateId && <option value="">{t('people.noSuccessor')}</option>}
                {candidates.map((a) => <option key={a.id} value={a.id}>{a.displayName}</option>)}
              </select>
            </label>
          )}
          <p className="muted">{t('people.reactivateNote')}</p>
        </>
      )}
      <div className="row">
        <button type="submit" disabled={busy || !p}>{t('people.confirmDeactivate')}</button>{' '}
        <button type="button" className="secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
