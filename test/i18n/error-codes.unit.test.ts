import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.ts';
import { fr } from '../../web/src/i18n/fr.ts';
import { i18next } from '../../web/src/i18n/i18n.ts';
import { ApiError } from '../../web/src/lib/api.ts';
import { errorText } from '../../web/src/lib/error-note.tsx';
import { CORE_ERROR_CODES } from '../../src/http/errors.ts';

// Every code a client can see has words in both catalogues: each capability's declared codes (read from its errors.ts,
// so a new code fails here until it is worded) and the core's bare codes.
const modules = path.resolve('src/modules');

async function declaredCodes(): Promise<string[]> {
  const codes: string[] = [];
  for (const dir of fs.readdirSync(modules)) {
    const file = path.join(modules, dir, 'errors.ts');
    if (!fs.existsSync(file)) continue;
    for (const declared of Object.values(await import(file) as Record<string, unknown>)) {
      if (!declared || typeof declared !== 'object') continue;
      for (const factory of Object.values(declared)) {
        const code = (factory as { code?: unknown }).code;
        if (typeof factory === 'function' && typeof code === 'string') codes.push(code);
      }
    }
  }
  return codes;
}

type Tree = { [k: string]: string | Tree };
const leaf = (tree: Tree, key: string): unknown => key.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Tree)[k] : undefined), tree);

describe('error codes in the catalogues', () => {
  afterEach(async () => { await i18next.changeLanguage('en'); });

  it('word every declared code and every core code in English and in French', async () => {
    const codes = [...await declaredCodes(), ...CORE_ERROR_CODES];
    expect(codes.length).toBeGreaterThan(200);
    expect(codes).toContain('scim.uniqueness');
    expect(codes).toContain('organisation.successor_needs_deactivation');
    for (const [name, catalogue] of [['English', en], ['French', fr]] as const) {
      const missing = codes.filter((code) => typeof leaf(catalogue as unknown as Tree, `errors.${code}`) !== 'string');
      expect(missing, `errors.<code> missing in the ${name} catalogue`).toEqual([]);
    }
  });

  it('show the catalogue\'s words by code: French always, English for the core\'s codes; a refused field is named', async () => {
    const problem = (status: number, body: Record<string, string>) => new ApiError(status, { detail: 'server words', ...body });
    await i18next.changeLanguage('fr');
    expect(errorText(problem(409, { code: 'scim.uniqueness' }))).toBe('Cette valeur est déjà utilisée par un autre utilisateur.');
    expect(errorText(problem(400, { code: 'validation', field: 'email' }))).toBe('Vérifiez «\u00a0adresse e-mail\u00a0»\u00a0: ce champ manque ou n’est pas valide.');
    expect(errorText(problem(409, { code: 'database_23505' }))).toMatch(/^Les données n’ont pas pu être enregistrées/);
    expect(errorText(problem(409, { code: 'some.future_code' }))).toBe('server words');
    await i18next.changeLanguage('en');
    expect(errorText(problem(409, { code: 'scim.uniqueness' }))).toBe('server words');
    expect(errorText(problem(400, { code: 'validation', field: 'email' }))).toBe('Please check “email address”: it is missing or not valid.');
    expect(errorText(problem(401, { code: 'unauthenticated' }))).toBe(en.errors.unauthenticated);
  });
});
