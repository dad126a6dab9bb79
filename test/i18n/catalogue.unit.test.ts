import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.ts';
import { fr } from '../../web/src/i18n/fr.ts';
import { i18next } from '../../web/src/i18n/i18n.ts';
import { TIMELINE_ACTOR_KEYS, TIMELINE_DETAIL_KEYS, TIMELINE_TITLE_KEYS } from '../../src/modules/customers/timeline.ts';
import { MEASURE_WHY_KEYS } from '../../src/modules/insights/insight-drivers.ts';
import { RFM_SEGMENT_KEYS } from '../../src/modules/insights/rfm.ts';
import { MESSAGE_PURPOSES } from '../../src/modules/outreach/purposes.ts';
import { NBA_ACTION_KEYS, NBA_REASON_KEYS } from '../../src/modules/insights/next-best-action.ts';
import { BUILTIN_KEYS, BUILTIN_MEASURES } from '../../src/modules/insights/builtin-measures.ts';
import { RECOMMENDATION_REASON_KEYS } from '../../src/modules/recommendations/service.ts';
import { TASK_DETAIL_KEYS, TASK_TITLE_KEYS } from '../../src/modules/outreach/task-texts.ts';
import { ATTRIBUTION_WHY_KEYS, outreachWhy, returnWhy, sharedWhy, tillWhy } from '../../src/modules/attribution/explanations.ts';
import { MEASURE_NOTE_KEYS } from '../../src/modules/insights/measure-notes.ts';
import { ORDER_CHANNELS } from '../../src/modules/orders/schema.ts';
import { OUTREACH_CHANNELS } from '../../src/modules/outreach/schema.ts';
import { render } from '../server-text.ts';

type Tree = { [k: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}
const EN = flatten(en as Tree);
const FR = flatten(fr as Tree);

// Words written the same in both languages; any other French text equal to its English is an untranslated string.
const SAME_IN_BOTH = new Set(['Clienteling', 'VIP', 'Code', 'Conversation', 'Looks', 'Client book', 'WhatsApp', 'SMS', '—', 'English', 'Français',
  '{{name}} ({{minutes}} min)', 'Email', 'Notes', 'Note', 'Total', 'Pareto/NBD', 'BG/NBD', 'RFM', 'Instagram', 'Facebook', 'Messenger', 'Monetary',
  'Type', 'Date', 'Actions', 'Description', 'Article', 'Message', 'Messages', 'Commission', 'Segment', 'Points', 'Source', 'Options', 'Stock', 'Mobile',
  '{{count}} / {{total}}', 'E-mail', 'Contact', 'style', '{{label}} ({{count}})', 'Look', 'Suggestions', 'Net', 'Invitation', 'Action', 'Clienteling', '{{count}} min', '{{seconds}} s', 'Menu', 'SQL', 'Mx', 'Champions',
  '{{kind}}', '{{kind}} · {{status}}', '{{name}} {{n}}', '$t(errors.{{code}})']);

// {{name}} and {{when, day}} (a format the catalogue applies) both name the parameter `name` / `when`.
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();

describe('the translation catalogues', () => {
  it('have the same keys in English and French', () => {
    expect([...FR.keys()].filter((k) => !EN.has(k)), 'keys only in French').toEqual([]);
    expect([...EN.keys()].filter((k) => !FR.has(k)), 'keys missing in French').toEqual([]);
  });

  it('have no empty or untranslated string in either language', () => {
    const empty = [...EN, ...FR].filter(([, v]) => !v.trim()).map(([k]) => k);
    expect(empty).toEqual([]);
    const untranslated = [...FR].filter(([k, v]) => v === EN.get(k) && !SAME_IN_BOTH.has(v)).map(([k, v]) => `${k}: ${v}`);
    expect(untranslated, 'French equal to the English').toEqual([]);
  });

  it('keep the same placeholders in both languages', () => {
    const differing = [...EN].filter(([k, v]) => FR.has(k) && placeholders(v).join() !== placeholders(FR.get(k)!).join()).map(([k]) => k);
    expect(differing).toEqual([]);
  });

  it('give every plural both its forms', () => {
    for (const map of [EN, FR]) {
      const stems = [...map.keys()].filter((k) => /_(one|other)$/.test(k)).map((k) => k.replace(/_(one|other)$/, ''));
      const incomplete = stems.filter((s) => !map.has(`${s}_one`) || !map.has(`${s}_other`));
      expect(incomplete).toEqual([]);
    }
  });

  it('translate every timeline title the server names by key', () => {
    expect(Object.keys(en.timeline).sort()).toEqual([...TIMELINE_TITLE_KEYS].sort());
    expect(Object.keys(en.timelineDetail).sort()).toEqual([...TIMELINE_DETAIL_KEYS].sort());
    expect(Object.keys(en.timelineActor).sort()).toEqual([...TIMELINE_ACTOR_KEYS].sort());
  });

  it('translate every text the server names by key', () => {
    const stems = (o: object) => [...new Set(Object.keys(o).map((k) => k.replace(/_(one|other)$/, '')))].sort();
    expect(Object.keys(en.nba.title).sort()).toEqual([...NBA_ACTION_KEYS].sort());
    expect(stems(en.nba.reason)).toEqual([...NBA_REASON_KEYS].sort());
    expect(Object.keys(en.measureName).sort()).toEqual([...BUILTIN_KEYS].sort());
    expect(stems(en.reco.reason)).toEqual([...RECOMMENDATION_REASON_KEYS].sort());
    expect(stems(en.task.title)).toEqual([...TASK_TITLE_KEYS].sort());
    expect(stems(en.task.detail)).toEqual([...TASK_DETAIL_KEYS].sort());
    expect(Object.keys(en.measureWhy).sort()).toEqual([...MEASURE_WHY_KEYS].sort());
    expect(BUILTIN_MEASURES.filter((m) => en.measureDescription[m.key as keyof typeof en.measureDescription] !== m.description).map((m) => m.key), 'measureDescription.<key> is the English description').toEqual([]);
    expect(Object.keys(en.measureDescription).sort()).toEqual([...BUILTIN_KEYS].sort());
    expect(Object.keys(en.rfmSegment).sort()).toEqual(Object.values(RFM_SEGMENT_KEYS).sort());
    expect(Object.entries(RFM_SEGMENT_KEYS).filter(([english, key]) => en.rfmSegment[key as keyof typeof en.rfmSegment] !== english), 'rfmSegment.<key> is the English name').toEqual([]);
    expect(Object.keys(en.messagePurpose).sort()).toEqual([...MESSAGE_PURPOSES].sort());
    const sentences = (o: object) => stems(Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string')));
    expect(sentences(en.attributionWhy)).toEqual([...ATTRIBUTION_WHY_KEYS].sort());
    expect(Object.keys(en.attributionWhy.orderChannel).sort()).toEqual([...ORDER_CHANNELS].sort());
    expect(Object.keys(en.attributionWhy.outreachChannel).sort()).toEqual([...OUTREACH_CHANNELS, 'other'].sort());
    expect(stems(en.measureNote)).toEqual([...MEASURE_NOTE_KEYS].sort());
  });

  it('word My sales explanations in the associate\'s language, dates and money through Intl', () => {
    const sale = { orderRef: 'W-1001', lineNumber: 2, localDate: '2024-04-08', storeName: 'Paris Saint-Honoré', channel: 'online', associateName: 'Camille Martin' };
    const outreach = outreachWhy(sale, { days: 3, outreachChannel: 'email', sentDate: '2024-04-05', engagedDate: null, windowDays: 14 });
    expect(render('fr', 'attributionWhy', outreach.text)).toBe(
      'Commande en ligne W-1001 du 8 avril 2024, passée 3 jours après l’envoi par Camille Martin (e-mail) du 5 avril 2024 (dans la fenêtre de 14 jours\u202f; ligne 2).');
    expect(render('en', 'attributionWhy', outreach.text)).toBe(
      'Online order W-1001 on 8 April 2024 came 3 days after Camille Martin’s email outreach of 5 April 2024 (within the 14-day window; line 2).');
    const opened = outreachWhy(sale, { days: 1, outreachChannel: 'sms', sentDate: '2024-04-05', engagedDate: '2024-04-07', windowDays: 14 });
    expect(render('fr', 'attributionWhy', opened.text)).toContain('passée 1 jour après l’envoi par Camille Martin (SMS) du 5 avril 2024, que le client a ouvert le 7 avril 2024');
    const shared = sharedWhy(tillWhy(sale), 'Comptoir bijoux', 3333, 'Léa Petit', 123_456, 'EUR');
    expect(render('fr', 'attributionWhy', shared.text)).toBe('Vendu en caisse par Camille Martin à Paris Saint-Honoré le 8 avril 2024 (commande W-1001, ligne 2). '
      + 'Partagé dans le groupe de vente «\u00a0Comptoir bijoux\u00a0»\u00a0: 33,33\u00a0% pour Léa Petit (1\u202f234,56\u00a0€).');
    expect(render('fr', 'attributionWhy', returnWhy('R-77', '2024-05-01', 10_000, 'Camille Martin', -5_000, 'EUR').text))
      .toBe('Retour R-77 du 1er mai 2024, remboursé 100,00\u00a0€\u00a0: le crédit de Camille Martin sur cette ligne est réduit de 50,00\u00a0€.');
  });

  it('word the Measures page\'s notes and alerts in the reader\'s language, a database\'s own message as it is', () => {
    expect(render('fr', 'measureNote', { key: 'spendNotFitted', params: { min: 10, repeat: 4 } }))
      .toBe('Modèle de dépense non ajusté\u00a0: il faut au moins 10 clients ayant racheté (il y en a 4)\u202f; la dépense attendue reprend la moyenne propre à chaque client.');
    const failed = render('fr', 'measureNote', { key: 'queryFailed', params: { error: 'division by zero' } });
    expect(`${render('fr', 'insightAlert', { key: 'measureFailed', params: { measure: 'Panier moyen' } })} ${failed}`)
      .toBe('Dernier calcul de «\u00a0Panier moyen\u00a0»\u00a0: La requête a échoué\u00a0: division by zero');
    expect(render('fr', 'measureNote', { key: 'queryTooCostly', params: { cost: 1_234_567, max: 1_000_000 } })).toContain('l’estime à 1\u202f234\u202f567, au-dessus du plafond de 1\u202f000\u202f000');
    expect(render('fr', 'measureNote', { key: 'rowsOutside', params: { count: 2 } })).toMatch(/^2 lignes concernent/);
    // A domain error is named by its code and worded by the errors catalogue.
    expect(render('fr', 'measureNote', { key: 'errorCode', params: { code: 'insights.measure_sql_refused' } })).toBe(fr.errors.insights.measure_sql_refused);
    expect(render('fr', 'measureNote', { key: 'providerAnswered', params: { request: 'token', status: 401, answer: 'invalid_client' } }))
      .toBe('Demande de jeton\u00a0: le fournisseur a répondu 401 (invalid_client).');
  });

  it('write percentages through Intl in the reader\'s language', () => {
    const fixed = (lng: string) => i18next.getFixedT(lng) as unknown as (key: string, params: object) => string;
    expect(fixed('en')('mySales.share', { share: 0.125 })).toBe('12.5% share');
    expect(fixed('fr')('mySales.share', { share: 0.125 })).toBe('part de 12,5\u00a0%');
    expect(fixed('fr')('mySales.commissionAt', { amount: '10 €', rate: 0.03 })).toBe(' · commission 10 € à 3\u00a0%');
    expect(fixed('fr')('nba.reason.churn', { share: 0.42 })).toBe('Probabilité de départ 42\u00a0%');
    // No French sentence writes a percent sign without the no-break space Intl puts before it.
    expect([...FR].filter(([, v]) => /[^\u00a0(]%/.test(v)).map(([k]) => k)).toEqual([]);
  });

  it('name every navigation entry and profile section of the features', () => {
    const features = path.resolve('web/src/features');
    const nav: [string, string][] = [];
    const panels: [string, string][] = [];
    for (const f of fs.readdirSync(features)) {
      const routes = path.join(features, f, 'routes.tsx');
      if (fs.existsSync(routes)) for (const m of fs.readFileSync(routes, 'utf8').matchAll(/path: '([^']+)'(?:(?!path: )[^])*?nav: \{ label: '([^']+)'/g)) nav.push([m[1], m[2]]);
      const p = path.join(features, f, 'customer-panels.tsx');
      if (fs.existsSync(p)) for (const m of fs.readFileSync(p, 'utf8').matchAll(/\{ key: '([^']+)', title: '([^']+)'/g)) panels.push([m[1], m[2]]);
    }
    expect(nav.length).toBeGreaterThan(10);
    expect(nav.filter(([p, label]) => EN.get(`nav.${p}`) !== label || !FR.get(`nav.${p}`)), 'nav.<path> in en.ts is the route label').toEqual([]);
    expect(panels.length).toBeGreaterThan(5);
    expect(panels.filter(([k, title]) => EN.get(`panels.${k}`) !== title || !FR.get(`panels.${k}`)), 'panels.<key> in en.ts is the panel title').toEqual([]);
  });
});
