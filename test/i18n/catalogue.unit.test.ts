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
  '{{kind}}', '{{kind}} · {{status}}', '{{name}} {{n}}']);

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
