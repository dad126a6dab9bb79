// Who acted when no associate did: the label the audit log stores for each (English, as written since the log began),
// and the key the web app words it by in the reader's language (auditActor.<key>, web/src/i18n/en-audit.ts).
export const SYSTEM_ACTORS = {
  scim: 'SCIM',
  webhook: 'Webhook',
  preferencePage: 'Customer (preference page)',
  onlineBooking: 'Online booking',
  commandLineImport: 'Command line import',
  smsProvider: 'SMS provider',
  whatsappProvider: 'WhatsApp provider',
} as const;

export type SystemActor = keyof typeof SYSTEM_ACTORS;

const byLabel = new Map<string, SystemActor>(Object.entries(SYSTEM_ACTORS).map(([k, label]) => [label, k as SystemActor]));

/** The system actor an audit entry with no associate names, or null for any other label (a person, an API token's name). */
export function systemActorOf(label: string | null): SystemActor | null {
  return label === null ? null : byLabel.get(label) ?? null;
}
