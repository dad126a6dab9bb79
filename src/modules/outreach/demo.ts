import { and, count, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { columnNames } from '../../db/sql.ts';
import { customers } from '../customers/schema.ts';
import { products } from '../catalogue/schema.ts';
import { insertInChunks, type DemoContext, type DemoLegalEntity, type DemoSeeder } from '../demo/context.ts';
import { outreachMessages, outreachTasks, outreachTemplates } from './schema.ts';
import { runPrompts } from './prompts.ts';
import { DEFAULT_SETTINGS, localDate, saveOutreachSettings } from './settings.ts';
import { frenchTypography, inLanguage, type DemoLanguage } from '../demo/language.ts';

type Words = { en: string; fr: string };
// A template's name is head office's (in its language); its subject and body are the customer's (one template per language).
type T = { name: Words; purpose: string; subject: Words; body: Words };

const SIGN = { en: '\n\nWarm regards,\n{{associate.name}}\n{{store.name}} · {{store.phone}}', fr: '\n\nBien à vous,\n{{associate.name}}\n{{store.name}} · {{store.phone}}' };

// French greets by gender ("Chère Adam" was wrong for half the customers): "Madame Martin," with a salutation, else
// the neutral "Bonjour Camille," (also for Mx, which French has no established form of); see template-render.ts.
const FR_GREETING = '{{#salutation}}{{customer.salutation}} {{customer.lastName}}|Bonjour {{customer.firstName}}{{/salutation}},';

const TEMPLATES: T[] = [
  { name: { en: 'Save the sale', fr: 'Vente à conclure' }, purpose: 'save-the-sale', subject: { en: 'The {{product.name}} is waiting for you', fr: 'Le {{product.name}} vous attend' },
    body: { en: 'Dear {{customer.firstName}},\n\nI saw you were looking at the {{product.name}}. I have set one aside in your size at {{store.name}} — would you like to try it on this week?', fr: FR_GREETING + '\n\nJ’ai vu que le {{product.name}} vous plaisait. Je vous en ai mis un de côté à {{store.name}} : souhaitez-vous l’essayer cette semaine ?' } },
  { name: { en: 'Birthday', fr: 'Anniversaire' }, purpose: 'birthday', subject: { en: 'Happy birthday, {{customer.firstName}}', fr: 'Joyeux anniversaire, {{customer.firstName}}' },
    body: { en: 'Dear {{customer.firstName}},\n\nThe whole team at {{store.name}} wishes you a very happy birthday. A small gift is waiting for you in store this month.', fr: FR_GREETING + '\n\nToute l’équipe de {{store.name}} vous souhaite un très joyeux anniversaire. Une petite attention vous attend en boutique ce mois-ci.' } },
  { name: { en: 'Anniversary', fr: 'Anniversaire de mariage' }, purpose: 'anniversary', subject: { en: 'A special day', fr: 'Un jour particulier' },
    body: { en: 'Dear {{customer.firstName}},\n\nYour anniversary is coming up. If you are looking for a gift, I would be delighted to prepare a selection for you.', fr: FR_GREETING + '\n\nVotre anniversaire de mariage approche. Si vous cherchez un cadeau, ce sera un plaisir de vous préparer une sélection.' } },
  { name: { en: 'New arrivals', fr: 'Nouveautés' }, purpose: 'new-arrivals', subject: { en: 'New in: {{product.name}}', fr: 'Nouveauté : {{product.name}}' },
    body: { en: 'Dear {{customer.firstName}},\n\nNew pieces you will love have just arrived, including the {{product.name}} ({{product.price}}). Shall I keep one for you?', fr: FR_GREETING + '\n\nDe nouvelles pièces qui devraient vous plaire viennent d’arriver, dont le {{product.name}} ({{product.price}}). Je vous en garde un ?' } },
  { name: { en: 'Thank you', fr: 'Remerciements' }, purpose: 'thank-you', subject: { en: 'Thank you for your visit', fr: 'Merci de votre visite' },
    body: { en: 'Dear {{customer.firstName}},\n\nThank you for choosing the {{product.name}}. It was a pleasure to see you at {{store.name}}.', fr: FR_GREETING + '\n\nMerci d’avoir choisi le {{product.name}}. Ce fut un plaisir de vous accueillir à {{store.name}}.' } },
  { name: { en: 'Care instructions', fr: 'Conseils d’entretien' }, purpose: 'care-instructions', subject: { en: 'Caring for your {{product.name}}', fr: 'Prendre soin de votre {{product.name}}' },
    body: { en: 'Dear {{customer.firstName}},\n\nTo enjoy your {{product.name}} for years: {{product.careInstructions}}', fr: FR_GREETING + '\n\nPour profiter longtemps de votre {{product.name}} : {{product.careInstructions}}' } },
  { name: { en: 'Satisfaction check', fr: 'Suivi de satisfaction' }, purpose: 'satisfaction-check', subject: { en: 'How is your {{product.name}}?', fr: 'Votre {{product.name}} vous plaît-il ?' },
    body: { en: 'Dear {{customer.firstName}},\n\nA few weeks on, are you happy with your {{product.name}}? If anything needs adjusting, we are here.', fr: FR_GREETING + '\n\nQuelques semaines plus tard, votre {{product.name}} vous donne-t-il satisfaction ? Si un ajustement est nécessaire, nous sommes là.' } },
  { name: { en: 'Personal note', fr: 'Mot personnel' }, purpose: 'personal', subject: { en: 'A note from {{store.name}}', fr: 'Un mot de {{store.name}}' },
    body: { en: 'Dear {{customer.firstName}},\n\n', fr: FR_GREETING + '\n\n' } },
];

const SMS: { name: Words; purpose: string; en: string; fr: string }[] = [
  { name: { en: 'Birthday', fr: 'Anniversaire' }, purpose: 'birthday', en: 'Happy birthday {{customer.firstName}}! A gift awaits you at {{store.name}} this month. {{associate.firstName}}', fr: 'Joyeux anniversaire {{customer.firstName}} ! Une attention vous attend à {{store.name}} ce mois-ci. {{associate.firstName}}' },
  { name: { en: 'Save the sale', fr: 'Vente à conclure' }, purpose: 'save-the-sale', en: 'Hello {{customer.firstName}}, I set the {{product.name}} aside for you at {{store.name}}. {{associate.firstName}}', fr: 'Bonjour {{customer.firstName}}, je vous ai mis le {{product.name}} de côté à {{store.name}}. {{associate.firstName}}' },
];

/** The demo's templates in English and French, every channel, for one legal entity, named in its head office's language. */
export function demoTemplateRows(le: { id: string; language: DemoLanguage }): (typeof outreachTemplates.$inferInsert)[] {
  const rows: (typeof outreachTemplates.$inferInsert)[] = [];
  const name = (words: Words) => inLanguage(le, words);
  for (const lang of ['en', 'fr'] as const) {
    const typeset = (text: string) => (lang === 'fr' ? frenchTypography(text) : text);
    for (const t of TEMPLATES) rows.push({ legalEntityId: le.id, name: name(t.name), purpose: t.purpose, channel: 'email', language: lang, subject: typeset(t.subject[lang]), body: typeset(t.body[lang] + SIGN[lang]) });
    for (const t of TEMPLATES.slice(0, 4)) rows.push({ legalEntityId: le.id, name: name(t.name), purpose: t.purpose, channel: 'mail', language: lang, subject: typeset(t.subject[lang]), body: typeset(t.body[lang] + SIGN[lang]) });
    for (const s of SMS) rows.push({ legalEntityId: le.id, name: name(s.name), purpose: s.purpose, channel: 'sms', language: lang, body: typeset(s[lang]) });
    rows.push({ legalEntityId: le.id, name: name(TEMPLATES[3].name), purpose: 'new-arrivals', channel: 'whatsapp', language: lang, whatsappTemplateName: `new_arrivals_${lang}`, body: typeset(TEMPLATES[3].body[lang]) });
  }
  return rows;
}

/** Each prompt's template, by the name the legal entity gave it (the defaults name the English ones). */
async function promptTemplatesByName(db: DemoContext['db'], le: DemoLegalEntity) {
  if (le.language === 'en') return;
  const prompts = { ...DEFAULT_SETTINGS.prompts };
  for (const [type, setting] of Object.entries(prompts) as [keyof typeof prompts, (typeof prompts)[keyof typeof prompts]][]) {
    const t = TEMPLATES.find((x) => x.purpose === type);
    if (t) prompts[type] = { ...setting, templateName: inLanguage(le, t.name) };
  }
  await saveOutreachSettings(db, le.id, { ...DEFAULT_SETTINGS, prompts });
}

async function seedLegalEntity(ctx: DemoContext, le: DemoLegalEntity) {
  const { db, rng } = ctx;
  const rows = demoTemplateRows(le);
  const templates = await db.insert(outreachTemplates).values(rows).returning({ id: outreachTemplates.id, name: outreachTemplates.name, channel: outreachTemplates.channel, language: outreachTemplates.language, subject: outreachTemplates.subject, purpose: outreachTemplates.purpose });
  await promptTemplatesByName(db, le);

  // Today's prompts from whatever the earlier seeders left: browsing, birthdays, orders, preferences.
  await runPrompts(db, le.id, ctx.today, async () => false);

  // The demo sign-ins (Camille, Hugo…) always find prompts in "Today": birthdays of their store's customers in the next weeks.
  const today = localDate(ctx.today, le.timeZone);
  for (const a of le.associates.filter((x) => x.role === 'Sales associate' && x.email.endsWith('@aurelle.example') && !/\.\d+@/.test(x.email))) {
    const [{ n }] = await db.select({ n: count() }).from(outreachTasks).where(and(eq(outreachTasks.associateId, a.id), eq(outreachTasks.status, 'open')));
    if (n >= 4) continue;
    const ot = outreachTasks;
    const c = alias(customers, 'c');
    const t = alias(outreachTasks, 't');
    const birthday = sql`make_date(extract(year from ${today}::date)::int, extract(month from ${c.birthDate})::int, extract(day from ${c.birthDate})::int)`;
    await db.execute(sql`
      insert into ${ot} (${columnNames(ot.legalEntityId, ot.customerId, ot.associateId, ot.storeId, ot.promptType, ot.occasion, ot.dueOn, ot.title, ot.data)})
      select ${le.id}, ${c.id}, ${a.id}, ${c.homeStoreId}, 'birthday', extract(year from ${today}::date)::text, ${today}::date,
        'Birthday on ' || to_char(${birthday}, 'FMDD FMMonth'), jsonb_build_object('date', ${birthday}::text)
      from ${customers} as ${c}
      where ${c.legalEntityId} = ${le.id} and ${c.homeStoreId} = ${a.storeIds[0]} and ${c.birthDate} is not null
        and not (extract(month from ${c.birthDate}) = 2 and extract(day from ${c.birthDate}) = 29)
        and ${birthday} between ${today}::date and ${today}::date + 30
        and not exists (select 1 from ${outreachTasks} as ${t} where ${t.customerId} = ${c.id} and ${t.promptType} = 'birthday')
      order by ${c.isVip} desc, ${c.id}
      limit ${6 - n}
      on conflict do nothing`);
  }

  // A few weeks of messages sent by associates, for the timeline and for sales attribution.
  const senders = le.associates.filter((x) => x.role === 'Sales associate');
  const withEmail = le.customers.filter((c) => c.email);
  const msgs: (typeof outreachMessages.$inferInsert)[] = [];
  // A purpose drawn at random, sent with its template in the customer's language.
  const emailTemplates = templates.filter((t) => t.channel === 'email' && t.purpose !== 'personal');
  const purposes = [...new Set(emailTemplates.map((t) => t.purpose))];
  // Subjects name a real product and store ("Le  vous attend" had neither); taken in turn, not drawn, to leave the draws as they were.
  const productNames = (await db.select({ name: products.name }).from(products).where(eq(products.legalEntityId, le.id)).orderBy(products.sku)).map((p) => p.name);
  const storeName = new Map(le.stores.map((s) => [s.id, s.name]));
  const fill = (text: string, c: DemoLegalEntity['customers'][number], i: number) => text
    .replace(/\{\{customer\.firstName\}\}/g, c.firstName).replace(/\{\{store\.name\}\}/g, storeName.get(c.homeStoreId) ?? '')
    .replace(/\{\{product\.name\}\}/g, productNames.length ? productNames[(i * 7) % productNames.length] : '')
    .replace(/\{\{[^}]+\}\}/g, '').replace(/ {2,}/g, ' ').trim(); // plain spaces only: French typography's no-break ones stay
  for (let i = 0; i < Math.min(60, withEmail.length); i++) {
    const c = withEmail[rng.int(0, withEmail.length - 1)];
    const purpose = purposes[rng.int(0, purposes.length - 1)];
    const t = emailTemplates.find((x) => x.purpose === purpose && x.language === c.language) ?? emailTemplates.find((x) => x.purpose === purpose)!;
    const sender = senders.find((s) => s.storeIds.includes(c.homeStoreId)) ?? senders[0];
    const at = new Date(ctx.today.getTime() - rng.int(1, 45) * 86_400_000 - rng.int(0, 8) * 3_600_000).toISOString();
    const status = rng.chance(0.9) ? 'sent' : rng.chance(0.7) ? 'suppressed' : 'failed';
    msgs.push({
      legalEntityId: le.id, customerId: c.id, associateId: sender?.id ?? null, channel: 'email', purpose: t.purpose, toAddress: c.email!,
      subject: fill(t.subject ?? '', c, i),
      body: `${t.language === 'fr' ? 'Bonjour' : 'Dear'} ${c.firstName}, …`, status, attempts: status === 'failed' ? 6 : 1,
      suppressedReason: status === 'suppressed' ? 'contact-budget' : null, lastError: status === 'failed' ? '550 mailbox unavailable' : null,
      idempotencyKey: `demo:${le.code}:${i}`, createdAt: at, sentAt: status === 'sent' ? at : null, nextAttemptAt: at, clearedAt: at, templateId: t.id,
    });
  }
  await insertInChunks(msgs, 500, (chunk) => db.insert(outreachMessages).values(chunk));
}

export const demoSeeder: DemoSeeder = {
  name: 'outreach',
  async seed(ctx) {
    for (const le of ctx.legalEntities) await seedLegalEntity(ctx, le);
  },
};
