import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { outreachErrors } from './errors.ts';
import { unknownFields } from './template-render.ts';
import type { OutreachChannel } from './schema.ts';

export interface Template {
  id: string; name: string; purpose: string; channel: OutreachChannel; language: string;
  subject: string | null; body: string; whatsappTemplateName: string | null; active: boolean; updatedAt: string;
}

export interface TemplateInput {
  name: string; purpose: string; channel: OutreachChannel; language: string;
  subject?: string | null; body: string; whatsappTemplateName?: string | null; active?: boolean;
}

const columns = sql`id, name, purpose, channel, language, subject, body, whatsapp_template_name as "whatsappTemplateName", active, updated_at::text as "updatedAt"`;

export async function listTemplates(db: Db, legalEntityId: string, f: { purpose?: string; channel?: string; language?: string; activeOnly?: boolean } = {}): Promise<Template[]> {
  return query<Template>(db, sql`select ${columns} from outreach_templates
    where legal_entity_id = ${legalEntityId}
      and (${f.purpose ?? null}::text is null or purpose = ${f.purpose ?? null})
      and (${f.channel ?? null}::text is null or channel = ${f.channel ?? null})
      and (${f.language ?? null}::text is null or language = ${f.language ?? null})
      and (${f.activeOnly ?? false} = false or active)
    order by purpose, name, channel, language`);
}

export async function getTemplate(db: Db, legalEntityId: string, id: string): Promise<Template> {
  const rows = await query<Template>(db, sql`select ${columns} from outreach_templates where id = ${id} and legal_entity_id = ${legalEntityId}`);
  if (!rows[0]) throw outreachErrors.template_not_found('Template was not found.');
  return rows[0];
}

/** The template of a name for a channel in the customer's language, else in English, else any language. */
export async function findTemplate(db: Db, legalEntityId: string, name: string, channel: string, language: string): Promise<Template | null> {
  const rows = await query<Template>(db, sql`select ${columns} from outreach_templates
    where legal_entity_id = ${legalEntityId} and name = ${name} and channel = ${channel} and active
    order by (language = ${language}) desc, (language = 'en') desc, language limit 1`);
  return rows[0] ?? null;
}

function check(t: Pick<TemplateInput, 'channel' | 'subject' | 'body' | 'whatsappTemplateName'>) {
  const badBody = unknownFields(t.body);
  if (badBody.length) throw outreachErrors.unknown_template_field(`Unknown template fields: ${badBody.join(', ')}.`, { field: 'body' });
  const badSubject = unknownFields(t.subject ?? '');
  if (badSubject.length) throw outreachErrors.unknown_template_field(`Unknown template fields: ${badSubject.join(', ')}.`, { field: 'subject' });
  if (t.channel === 'email' && !t.subject?.trim()) throw outreachErrors.email_subject_missing('An email template needs a subject.', { field: 'subject' });
  if (t.channel === 'whatsapp' && !t.whatsappTemplateName?.trim()) {
    throw outreachErrors.whatsapp_template_name_missing('WhatsApp messages to customers need the name of a template approved by WhatsApp.', { field: 'whatsappTemplateName' });
  }
}

const duplicate = (err: unknown) => /outreach_templates_le_name|duplicate key/.test(String((err as { cause?: unknown }).cause ?? err));

export async function createTemplate(db: Db, legalEntityId: string, input: TemplateInput): Promise<Template> {
  check(input);
  try {
    const rows = await query<{ id: string }>(db, sql`
      insert into outreach_templates (legal_entity_id, name, purpose, channel, language, subject, body, whatsapp_template_name, active)
      values (${legalEntityId}, ${input.name.trim()}, ${input.purpose}, ${input.channel}, ${input.language}, ${input.subject ?? null}, ${input.body},
        ${input.whatsappTemplateName ?? null}, ${input.active ?? true})
      returning id`);
    return getTemplate(db, legalEntityId, rows[0].id);
  } catch (err) {
    if (duplicate(err)) throw outreachErrors.template_name_taken('A template of this name already exists for this channel and language.', { field: 'name' });
    throw err;
  }
}

export async function updateTemplate(db: Db, legalEntityId: string, id: string, patch: Partial<TemplateInput>): Promise<Template> {
  const current = await getTemplate(db, legalEntityId, id);
  const next = { ...current, ...patch };
  check(next);
  try {
    await db.execute(sql`update outreach_templates set name = ${next.name.trim()}, purpose = ${next.purpose}, channel = ${next.channel},
      language = ${next.language}, subject = ${next.subject}, body = ${next.body}, whatsapp_template_name = ${next.whatsappTemplateName},
      active = ${next.active}, updated_at = now()
      where id = ${id} and legal_entity_id = ${legalEntityId}`);
  } catch (err) {
    if (duplicate(err)) throw outreachErrors.template_name_taken('A template of this name already exists for this channel and language.', { field: 'name' });
    throw err;
  }
  return getTemplate(db, legalEntityId, id);
}

export async function deleteTemplate(db: Db, legalEntityId: string, id: string): Promise<void> {
  await getTemplate(db, legalEntityId, id);
  // Sent messages keep their text; only the link to the template goes.
  await db.execute(sql`delete from outreach_templates where id = ${id} and legal_entity_id = ${legalEntityId}`);
}
