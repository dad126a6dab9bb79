import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { demoSteps } from '../../capabilities.ts';
import { createLegalEntity, createStore, createAssociate, renameRole } from '../organisation/service.ts';
import { hasAnyLegalEntity } from '../organisation/queries.ts';
import { configureSequence } from '../organisation/number-sequences.ts';
import { addToAddressBooks, insertCustomerRows, type CustomerRow } from '../customers/bulk.ts';
import { Rng } from './random.ts';
import { FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, CITIES_FR, CITIES_UK, STREETS, STREETS_UK, demoMobile } from './names.ts';
import { DEMO_PASSWORD, type DemoContext, type DemoLegalEntity, type DemoCustomer } from './context.ts';
import { setLanguageOfEmail } from '../auth/service.ts';
import { frenchTypography } from './language.ts';

export { hasAnyLegalEntity };

/** The demo sign-ins, also listed in the README. */
export const DEMO_SIGN_INS = [
  { email: 'headoffice@aurelle.example', name: 'Hélène Marchal', role: 'Head office', stores: ['PAR1', 'PAR2', 'LYO1'] },
  { email: 'manager.paris@aurelle.example', name: 'Julien Moreau', role: 'Store manager', stores: ['PAR1'] },
  { email: 'camille@aurelle.example', name: 'Camille Laurent', role: 'Sales associate', stores: ['PAR1', 'PAR2'] },
  { email: 'hugo@aurelle.example', name: 'Hugo Bernard', role: 'Sales associate', stores: ['PAR1'] },
  { email: 'ines@aurelle.example', name: 'Inès Haddad', role: 'Sales associate', stores: ['LYO1'] },
  { email: 'sophie@aurelle.example', name: 'Sophie Girard', role: 'Sales associate', stores: ['PAR2'] },
  { email: 'manager.lyon@aurelle.example', name: 'Antoine Fournier', role: 'Store manager', stores: ['LYO1'] },
];
const UK_SIGN_INS = [
  { email: 'headoffice.uk@aurelle.example', name: 'Eleanor Hughes', role: 'Head office', stores: ['LON1'] },
  { email: 'oliver@aurelle.example', name: 'Oliver Wright', role: 'Sales associate', stores: ['LON1'] },
];

/** The default roles (auth/permissions.ts DEFAULT_ROLES, in English) as a French head office words them: name, description. */
const FRENCH_ROLES: Record<string, readonly [string, string]> = {
  'Sales associate': ['Conseiller·ère de vente', 'Suit son client book personnel en boutique'],
  'Store manager': ['Responsable de boutique', 'Dirige une boutique : client books de la boutique, réattributions, performance'],
  'Head office': ['Siège', 'Paramètre le clienteling de l’entité juridique'],
};

function isoDate(d: Date) { return d.toISOString().slice(0, 10); }

async function seedLegalEntity(
  db: Db, rng: Rng, spec: { code: string; name: string; currency: string; timeZone: string; country: string },
  storeSpecs: { code: string; name: string; city: string; address: string }[],
  signIns: typeof DEMO_SIGN_INS, customerCount: number, today: Date,
): Promise<DemoLegalEntity> {
  const le = await createLegalEntity(db, spec);
  const language = spec.country === 'FR' ? 'fr' : 'en';
  // The roles and job titles in the head office's words (the demo keeps naming roles by their default English names).
  const french = (role: string) => FRENCH_ROLES[role]?.map(frenchTypography);
  const roleTitle = (role: string) => (language === 'fr' ? french(role)?.[0] ?? role : role);
  if (language === 'fr') {
    for (const [role, id] of Object.entries(le.roles)) {
      const words = french(role);
      if (words) await renameRole(db, le.id, id, { name: words[0], description: words[1] });
    }
  }
  const stores = [];
  for (const s of storeSpecs) {
    const store = await createStore(db, le.id, { code: s.code, name: s.name, timeZone: spec.timeZone, city: s.city, address: s.address, email: `${s.code.toLowerCase()}@aurelle.example`, phone: spec.country === 'FR' ? '+33 1 42 00 00 00' : '+44 20 7946 0000' });
    stores.push({ id: store.id, code: store.code, name: store.name, addressBookId: store.addressBookId, timeZone: store.timeZone });
  }
  const byCode = Object.fromEntries(stores.map((s) => [s.code, s.id]));
  const associates = [];
  let n = 1;
  for (const s of signIns) {
    const storeIds = s.stores.map((c) => byCode[c]).filter(Boolean);
    const a = await createAssociate(db, le.id, { email: s.email, displayName: s.name, password: DEMO_PASSWORD, personnelNumber: `${spec.code}-${String(n++).padStart(4, '0')}`, roleIds: [le.roles[s.role]], storeIds, jobTitle: roleTitle(s.role) });
    associates.push({ id: a.id, name: s.name, email: s.email, role: s.role, storeIds });
    // The French retailer's people work in French (each can switch in the top bar); the UK's follow their browser.
    if (spec.country === 'FR') await setLanguageOfEmail(db, s.email, 'fr');
  }
  // More associates per store, without sign-ins of note, so store client books have several owners.
  for (const store of stores) {
    for (let i = 0; i < 2; i++) {
      const gender = rng.chance(0.6) ? 'f' : 'm';
      const first = rng.pick(gender === 'f' ? FIRST_NAMES_F : FIRST_NAMES_M);
      const last = rng.pick(LAST_NAMES);
      const email = `${first}.${last}.${n}@aurelle.example`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9.@-]/g, '');
      const a = await createAssociate(db, le.id, { email, displayName: `${first} ${last}`, password: DEMO_PASSWORD, personnelNumber: `${spec.code}-${String(n++).padStart(4, '0')}`, roleIds: [le.roles['Sales associate']], storeIds: [store.id], jobTitle: roleTitle('Sales associate') });
      associates.push({ id: a.id, name: `${first} ${last}`, email, role: 'Sales associate', storeIds: [store.id] });
    }
  }

  const rows: CustomerRow[] = [];
  const demoCustomers: DemoCustomer[] = [];
  const cities = spec.country === 'FR' ? CITIES_FR : CITIES_UK;
  const streets = spec.country === 'FR' ? STREETS : STREETS_UK;
  const weights = stores.map((_, i) => (i === 0 ? 3 : 1.5));
  for (let i = 0; i < customerCount; i++) {
    const gender = rng.chance(0.7) ? 'f' : 'm';
    const firstName = rng.pick(gender === 'f' ? FIRST_NAMES_F : FIRST_NAMES_M);
    const lastName = rng.pick(LAST_NAMES);
    const home = rng.weighted(stores, weights);
    const age = rng.int(22, 78);
    const birth = new Date(Date.UTC(today.getUTCFullYear() - age, rng.int(0, 11), rng.int(1, 28)));
    const married = rng.chance(0.45);
    const anniversary = married ? new Date(Date.UTC(today.getUTCFullYear() - rng.int(1, Math.max(1, age - 21)), rng.int(0, 11), rng.int(1, 28))) : null;
    const slug = `${firstName}.${lastName}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z.]/g, '');
    const email = rng.chance(0.92) ? `${slug}${i}@example.com` : null;
    const isVip = rng.chance(0.12);
    rows.push({
      legalEntityId: le.id, accountNumber: `${spec.code === 'AUR-FR' ? 'CUS' : 'UKC'}-${String(i + 1).padStart(6, '0')}`, externalId: `CRM-${spec.code}-${i + 1}`,
      firstName, lastName, email,
      phone: rng.chance(0.85) ? demoMobile(rng, spec.country) : null,
      birthDate: rng.chance(0.8) ? isoDate(birth) : null, anniversaryDate: anniversary ? isoDate(anniversary) : null,
      language: spec.country === 'FR' ? (rng.chance(0.85) ? 'fr' : 'en') : 'en',
      addressLine: `${rng.int(1, 120)} ${rng.pick(streets)}`, city: rng.pick(cities), postalCode: spec.country === 'FR' ? String(rng.int(75001, 75020)) : `W1 ${rng.int(1, 9)}AA`, country: spec.country,
      preferredChannel: rng.weighted(['email', 'sms', 'whatsapp', 'phone', 'mail'], [5, 2, 2, 1, 0.5]), homeStoreId: home.id, isVip,
      createdAt: new Date(today.getTime() - rng.int(30, 1500) * 86400_000).toISOString(),
    });
  }
  const ids = await insertCustomerRows(db, rows);
  rows.forEach((r, i) => demoCustomers.push({ id: ids[i], firstName: r.firstName, lastName: r.lastName, homeStoreId: r.homeStoreId!, isVip: !!r.isVip, gender: FIRST_NAMES_F.includes(r.firstName) ? 'f' : 'm', email: r.email ?? null, language: r.language === 'fr' ? 'fr' : 'en' }));
  const abOf = Object.fromEntries(stores.map((s) => [s.id, s.addressBookId]));
  await addToAddressBooks(db, demoCustomers.map((c) => ({ customerId: c.id, addressBookId: abOf[c.homeStoreId] })));
  await configureSequence(db, le.id, 'customer', { prefix: spec.code === 'AUR-FR' ? 'CUS-' : 'UKC-', padding: 6, nextValue: customerCount + 1 });
  return { id: le.id, code: le.code, name: le.name, currency: le.currency, timeZone: le.timeZone, roles: le.roles, language, stores, associates, customers: demoCustomers };
}

/**
 * Builds the demo retailer "Maison Aurelle": a French legal entity with three stores and a small UK one,
 * associates with sign-ins, customers, and whatever each capability adds through its demo seeder.
 */
export async function loadDemo(db: Db, opts: { customers: number; seed: number; code?: string; today?: Date; log?: (msg: string) => void }) {
  const rng = new Rng(opts.seed);
  const today = opts.today ?? new Date();
  const log = opts.log ?? (() => {});
  const suffix = opts.code ? `-${opts.code}` : '';
  const fr = await seedLegalEntity(db, rng, { code: `AUR-FR${suffix}`, name: 'Maison Aurelle France', currency: 'EUR', timeZone: 'Europe/Paris', country: 'FR' }, [
    { code: 'PAR1', name: 'Paris Saint-Honoré', city: 'Paris', address: '231 rue Saint-Honoré' },
    { code: 'PAR2', name: 'Paris Le Marais', city: 'Paris', address: '12 rue des Francs-Bourgeois' },
    { code: 'LYO1', name: 'Lyon Bellecour', city: 'Lyon', address: '8 place Bellecour' },
  ], suffix ? DEMO_SIGN_INS.map((s) => ({ ...s, email: s.email.replace('@', `+${opts.code!.toLowerCase()}@`) })) : DEMO_SIGN_INS, opts.customers, today);
  const uk = await seedLegalEntity(db, rng, { code: `AUR-UK${suffix}`, name: 'Aurelle UK Ltd', currency: 'GBP', timeZone: 'Europe/London', country: 'GB' }, [
    { code: 'LON1', name: 'London Bond Street', city: 'London', address: '45 New Bond Street' },
  ], suffix ? UK_SIGN_INS.map((s) => ({ ...s, email: s.email.replace('@', `+${opts.code!.toLowerCase()}@`) })) : UK_SIGN_INS, Math.max(50, Math.round(opts.customers / 10)), today);
  const ctx: DemoContext = { db, rng, seed: opts.seed, today, legalEntities: [fr, uk] };
  for (const seeder of demoSteps) {
    const t0 = Date.now();
    await seeder.seed(ctx);
    log(`demo: ${seeder.name} in ${Date.now() - t0} ms`);
  }
  // PGlite runs no autovacuum: without fresh statistics the planner picks poor plans on the new data.
  await db.execute(sql`analyze`);
  return { legalEntities: 2, stores: fr.stores.length + uk.stores.length, associates: fr.associates.length + uk.associates.length, customers: fr.customers.length + uk.customers.length };
}
