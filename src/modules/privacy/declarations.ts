import { getTableName } from 'drizzle-orm';
import { isPersonalData, type PersonalData } from '../../db/personal-data.ts';
import * as activities from '../activities/schema.ts';
import * as appointments from '../appointments/schema.ts';
import * as attribution from '../attribution/schema.ts';
import * as audit from '../audit/schema.ts';
import * as auth from '../auth/schema.ts';
import * as catalogue from '../catalogue/schema.ts';
import * as clientBook from '../client-book/schema.ts';
import * as customerAttributes from '../customer-attributes/schema.ts';
import * as customerProfile from '../customer-profile/schema.ts';
import * as customers from '../customers/schema.ts';
import * as imports from '../imports/schema.ts';
import * as insights from '../insights/schema.ts';
import * as jobs from '../jobs/schema.ts';
import * as orders from '../orders/schema.ts';
import * as organisation from '../organisation/schema.ts';
import * as outreach from '../outreach/schema.ts';
import * as preferences from '../preferences/schema.ts';
import * as scim from '../scim/schema.ts';
import * as recommendations from '../recommendations/schema.ts';
import * as setup from '../setup/schema.ts';
import * as shares from '../shares/schema.ts';

/**
 * Every schema module, so every personalData(…) declaration is found. privacy.test.ts fails when a schema module of
 * drizzle.config.ts is missing here, or a table of customer data has no declaration.
 */
export const SCHEMA_MODULES: Record<string, Record<string, unknown>> = {
  activities, appointments, attribution, audit, auth, catalogue, 'client-book': clientBook, 'customer-attributes': customerAttributes,
  'customer-profile': customerProfile, customers, imports, insights, jobs, orders, organisation, outreach, preferences, recommendations, scim, setup, shares,
};

/** The declarations of all tables of customer data, parents before the tables reached through them. */
export const PERSONAL_DATA: readonly PersonalData[] = (() => {
  const all = Object.values(SCHEMA_MODULES).flatMap((m) => Object.values(m).filter(isPersonalData));
  const ordered: PersonalData[] = [];
  const visit = (d: PersonalData) => {
    if (ordered.includes(d)) return;
    if ('parent' in d.owner) visit(d.owner.parent);
    ordered.push(d);
  };
  all.forEach(visit);
  const names = ordered.map((d) => getTableName(d.table));
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`Table ${twice} is declared as personal data twice.`);
  return ordered;
})();
