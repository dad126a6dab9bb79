import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outreachErrors } from './errors.ts';
import { unknownFields } from './template-render.ts';
import { outreachTemplates, type OutreachChannel } from './schema.ts';
import type { Template, TemplateInput, TemplatePatch } from './outreach-schemas.ts';

export type { Template, TemplateInput };

const t = outreachTemplates;
const columns = {
  id: t.id, name: t.name, purpose: t.purpose, channel: t.channel, language: t.language, subject: t.subject, body: t.body,
  whatsappTemplateName: t.whatsappTemplateName, active: t.active, updatedAt: sql<string>`${t.updatedAt}::text`,
};

export async function listTemplates(db: Db, legalEntityId: string, f: { purpose?: string; channel?: string; language?: string; activeOnly?: boolean } = {}): Promise<Template[]> {
  const where: (SQL | undefined)[] = [eq(t.legalEntityId, legalEntityId)];
  if (f.purpose) where.push(eq(t.purpose, f.purpose));
  if (f.channel) where.push(eq(t.channel, f.channel as OutreachChannel));
  if (f.language) where.push(eq(t.language, f.language));
  if (f.activeOnly) where.push(eq(t.active, true));
  return db.select(columns).from(t).where(and(...where)).orderBy(asc(t.purpose), asc(t.name), asc(t.channel), asc(t.language));
}

export async function getTemplate(db: Db, legalEntityId: string, id: string): Promise<Template> {
  const rows = await db.select(columns).from(t).where(and(eq(t.id, id), eq(t.legalEntityId, legalEntityId)));
  if (!rows[0]) throw outreachErrors.template_not_found('Template was not found.');
  return rows[0];
}

/** The template of a name for a channel in the customer's language, else in English, else any language. */
export async function findTemplate(db: Db, legalEntityId: string, name: string, channel: string, language: string): Promise<Template | null> {
  const rows = await db.select(columns).from(t)
    .where(and(eq(t.legalEntityId, legalEntityId), eq(t.name, name), eq(t.channel, channel as OutreachChannel), eq(t.active, true)))
    .orderBy(desc(sql`${t.language} = ${language}`), desc(sql`${t.language} = 'en'`), asc(t.language)).limit(1);
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
    const rows = await db.insert(t).values({
      legalEntityId, name: input.name.trim(), purpose: input.purpose, channel: input.channel, language: input.language,
      subject: input.subject ?? null, body: input.body, whatsappTemplateName: input.whatsappTemplateName ?? null, active: input.active ?? true,
    }).returning({ id: t.id });
    return getTemplate(db, legalEntityId, rows[0].id);
  } catch (err) {
    if (duplicate(err)) throw outreachErrors.template_name_taken('A template of this name already exists for this channel and language.', { field: 'name' });
    throw err;
  }
}

export async function updateTemplate(db: Db, legalEntityId: string, id: string, patch: TemplatePatch): Promise<Template> {
  const current = await getTemplate(db, legalEntityId, id);
  const next = { ...current, ...patch };
  check(next);
  try {
    await db.update(t).set({
      name: next.name.trim(), purpose: next.purpose, channel: next.channel, language: next.language, subject: next.subject ?? null, body: next.body,
      whatsappTemplateName: next.whatsappTemplateName ?? null, active: next.active ?? true, updatedAt: sql`now()`,
    }).where(and(eq(t.id, id), eq(t.legalEntityId, legalEntityId)));
  } catch (err) {
    if (duplicate(err)) throw outreachErrors.template_name_taken('A template of this name already exists for this channel and language.', { field: 'name' });
    throw err;
  }
  return getTemplate(db, legalEntityId, id);
}

export async function deleteTemplate(db: Db, legalEntityId: string, id: string): Promise<void> {
  await getTemplate(db, legalEntityId, id);
  // Sent messages keep their text; only the link to the template goes.
  await db.delete(t).where(and(eq(t.id, id), eq(t.legalEntityId, legalEntityId)));
}
