import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.ts';
import { fr } from '../../web/src/i18n/fr.ts';
import { i18next } from '../../web/src/i18n/i18n.ts';
import { serverText } from '../../web/src/i18n/server-text.ts';
import { AUDIT_ACTIONS } from '../../src/modules/audit/service.ts';
import { ENTITY_NAMES } from '../../src/modules/imports/entities.ts';
import { SYSTEM_ACTORS, systemActorOf } from '../../shared/system-actors.ts';

// Every action and kind of record a capability writes to the audit log has words in both catalogues: read from each
// audit(db, actor, action, entityType, …) call in src/, so a new one fails here until it is worded.

// Arguments that are not string literals, and the values they take.
const COMPUTED: Record<string, readonly string[]> = { 'importer.entity': ENTITY_NAMES };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The string literals an argument may take (both sides of a ternary), or COMPUTED's values; null when neither. */
function values(arg: ts.Expression): string[] | null {
  const found: string[] = [];
  const visit = (n: ts.Node) => { if (ts.isStringLiteral(n) && !ts.isBinaryExpression(n.parent)) found.push(n.text); ts.forEachChild(n, visit); };
  visit(arg);
  return found.length ? found : COMPUTED[arg.getText()] ? [...COMPUTED[arg.getText()]] : null;
}

/** Each audit(…) call in src/: where it is, and the actions and record types it can write. */
export function auditCalls(source: string, file = 'source.ts') {
  const calls: { at: string; actions: string[] | null; records: string[] | null }[] = [];
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'audit' && n.arguments.length >= 4) {
      calls.push({ at: `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`, actions: values(n.arguments[2]), records: values(n.arguments[3]) });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return calls;
}

const calls = sourceFiles(path.resolve('src')).flatMap((f) => auditCalls(fs.readFileSync(f, 'utf8'), path.relative(path.resolve('.'), f)));
const written = (which: 'actions' | 'records') => [...new Set(calls.flatMap((c) => c[which] ?? []))].sort();

describe('the audit log in the catalogues', () => {
  it('reads actions and record types from the calls the way the check means (it can fail)', () => {
    expect(auditCalls("await audit(db, auth, 'update', kind === 'role' ? 'role' : 'store', id);")).toMatchObject([{ actions: ['update'], records: ['role', 'store'] }]);
    expect(auditCalls("await audit(tx, auth, 'import', importer.entity, null, {});")[0].records).toContain('wishlist');
    expect(auditCalls("audit(db, auth, action, somethingElse, id)")).toMatchObject([{ actions: null, records: null }]);
    expect(calls.length).toBeGreaterThan(80);
  });

  it('finds a literal or a known computed value for every action and record type written', () => {
    const unknown = calls.filter((c) => !c.actions || !c.records).map((c) => c.at);
    expect(unknown, 'audit(…) with an action or record type the check cannot read: write a literal or add it to COMPUTED').toEqual([]);
  });

  it('word every action and record type written in src/, in English and in French', () => {
    for (const [name, catalogue] of [['English', en], ['French', fr]] as const) {
      expect(written('actions').filter((a) => !(a in catalogue.auditAction)), `auditAction.<action> missing in the ${name} catalogue`).toEqual([]);
      expect(written('records').filter((r) => !(r in catalogue.auditRecord)), `auditRecord.<type> missing in the ${name} catalogue`).toEqual([]);
    }
  });

  it('word nothing the server no longer writes', () => {
    expect(Object.keys(en.auditAction).sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(Object.keys(en.auditRecord).sort()).toEqual(written('records'));
  });

  it('show a code the catalogue does not know as written', () => {
    const t = i18next.getFixedT('fr');
    expect(serverText(t, 'auditAction', { key: 'import' }, 'import')).toBe('Import');
    expect(serverText(t, 'auditRecord', { key: 'customer-preference' }, 'customer-preference')).toBe('Préférence du client');
    expect(serverText(t, 'auditRecord', { key: 'some_future_record' }, 'some_future_record')).toBe('some_future_record');
  });

  it('word every system actor in both catalogues, found by the label the log stores', () => {
    expect(Object.keys(en.auditActor).sort()).toEqual(Object.keys(SYSTEM_ACTORS).sort());
    expect(Object.keys(fr.auditActor).sort()).toEqual(Object.keys(SYSTEM_ACTORS).sort());
    expect(systemActorOf('Online booking')).toBe('onlineBooking');
    expect((i18next.getFixedT('fr') as unknown as (k: string) => string)(`auditActor.${systemActorOf('Customer (preference page)')}`)).toBe('Client (page de préférences)');
    expect(systemActorOf('Camille Laurent')).toBeNull();
  });

  it('leave no system actor written as a literal label in src/', () => {
    const literals = sourceFiles(path.resolve('src')).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/associateName: ['`]([^'`]+)['`]/g)].map((m) => `${f}: ${m[1]}`));
    expect(literals, 'name a system actor in shared/system-actors.ts and use SYSTEM_ACTORS').toEqual([]);
  });
});
