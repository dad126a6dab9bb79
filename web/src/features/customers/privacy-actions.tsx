import { useState } from 'react';
import { useSession } from '../../lib/session.tsx';
import { useRouter } from '../../lib/router.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useDuplicates, useErase, useExport, useMerge, type Profile } from './queries.ts';
import { useT } from '../../i18n/i18n.ts';
import { usePhoneFormat } from '../../lib/phone.ts';

/** Export, erasure (with confirmation) and merging of duplicates: head-office actions on the profile. */
export function PrivacyActions({ p }: { p: Profile }) {
  const { can } = useSession();
  const { t } = useT();
  const phone = usePhoneFormat();
  const { navigate } = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const c = p.customer;
  const duplicates = useDuplicates(c.id, can('setup.manage') && !c.mergedIntoId);
  const exporter = useExport(c.id);
  const eraser = useErase(c.id);
  const merger = useMerge(c.id);
  if (!can('privacy.manage') && !can('setup.manage')) return null;
  const dups = duplicates.data ?? [];
  const error = duplicates.error ?? exporter.error ?? eraser.error ?? merger.error;

  const download = () => exporter.mutate(undefined, {
    onSuccess: (data) => {
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url; a.download = `customer-${c.accountNumber}.json`; a.click();
      URL.revokeObjectURL(url);
      setMessage(t('privacy.exported'));
    },
  });
  const erase = () => eraser.mutate(reason, { onSuccess: () => { setConfirming(false); setMessage(t('privacy.erased')); } });
  const merge = (duplicateId: string) => merger.mutate(duplicateId, { onSuccess: () => setMessage(t('privacy.merged')) });

  return (
    <section className="profile-wide danger-zone" aria-labelledby="privacy-h">
      <h2 id="privacy-h">{t('privacy.title')}</h2>
      {c.mergedIntoId && <p>{t('privacy.wasMerged')} <button className="secondary" onClick={() => navigate(`/customers/${c.mergedIntoId}`)}>{t('privacy.openSurviving')}</button></p>}
      {can('setup.manage') && dups.length > 0 && (<>
        <h3>{t('privacy.duplicates')}</h3>
        <ul className="plain-list">{dups.map((d) => { const o = d.a.id === c.id ? d.b : d.a; return (
          <li key={o.id} className="row" style={{ justifyContent: 'space-between' }}>
            <span><strong>{o.name}</strong> · {o.accountNumber} · {o.email ?? (o.phone ? phone(o.phone) : '')} <span className="muted">({d.reasons.join(', ')})</span></span>
            <button className="secondary" onClick={() => merge(o.id)} aria-label={t('privacy.mergeLabel', { name: o.name, account: o.accountNumber })}>{t('privacy.merge')}</button>
          </li>); })}</ul>
      </>)}
      {can('privacy.manage') && (
        <div className="row">
          <button className="secondary" onClick={download}>{t('privacy.export')}</button>
          {!c.erasedAt && <button className="danger" onClick={() => setConfirming(true)}>{t('privacy.erase')}</button>}
        </div>
      )}
      {confirming && (
        <div role="dialog" aria-label={t('privacy.confirm')} className="card">
          <p><strong>{t('privacy.eraseQuestion', { name: `${c.firstName} ${c.lastName}` })}</strong> {t('privacy.eraseWarning')}</p>
          <label>{t('privacy.reason')}<input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('privacy.reasonPlaceholder')} /></label>
          <div className="row"><button className="danger" disabled={reason.trim().length < 3} onClick={erase}>{t('privacy.erasePermanently')}</button><button className="secondary" onClick={() => setConfirming(false)}>{t('common.cancel')}</button></div>
        </div>
      )}
      {message && <p className="ok" role="status">{message}</p>}
      <ErrorNote error={error} />
    </section>
  );
}
