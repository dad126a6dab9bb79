import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useAuditLog } from './queries.ts';
import { useT } from '../../i18n/i18n.ts';
import { enAudit } from '../../i18n/en-audit.ts';
import { serverText } from '../../i18n/server-text.ts';
import { systemActorOf } from '../../../../shared/system-actors.ts';

// Every kind of record the server writes (the catalogue's, checked against the source by audit-words.unit.test.ts).
const RECORD_TYPES = Object.keys(enAudit.auditRecord);

export function AuditPage() {
  const { t, format, language } = useT();
  const [entityType, setEntityType] = useState('');
  const log = useAuditLog(entityType);
  const entries = log.data?.pages.flat() ?? [];
  // Codes the catalogue does not know (a newer server's) are shown as written.
  const action = (code: string) => serverText(t, 'auditAction', { key: code }, code);
  const record = (code: string) => serverText(t, 'auditRecord', { key: code }, code);
  // A person or a token is named as stored; the system's own actors in the reader's language.
  const actor = (associateId: string | null, label: string | null) => {
    const system = associateId === null ? systemActorOf(label) : null;
    return system ? t(`auditActor.${system}`) : label ?? t('audit.system');
  };
  const types = RECORD_TYPES.map((k) => ({ k, label: record(k) })).sort((a, b) => a.label.localeCompare(b.label, language));
  return (
    <div>
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <label style={{ maxWidth: 300 }}>{t('audit.kind')}
        <select value={entityType} onChange={(e) => setEntityType(e.target.value)}>
          <option value="">{t('audit.all')}</option>
          {types.map(({ k, label }) => <option key={k} value={k}>{label}</option>)}
        </select>
      </label>
      <ErrorNote error={log.error} />
      <table aria-label={t('audit.entries')}>
        <thead><tr><th>{t('audit.when')}</th><th>{t('audit.who')}</th><th>{t('audit.action')}</th><th>{t('audit.record')}</th></tr></thead>
        <tbody>{entries.map((e) => <tr key={e.id}><td>{format.dateTime(e.at)}</td><td>{actor(e.actorAssociateId, e.actorLabel)}</td><td>{action(e.action)}</td><td>{record(e.entityType)} <span className="muted">{e.entityId}</span></td></tr>)}</tbody>
      </table>
      {log.hasNextPage && <button className="secondary" disabled={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>{t('audit.loadMore')}</button>}
    </div>
  );
}
