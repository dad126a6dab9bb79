import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Behaviour that migrations put in triggers is named in the schema.ts of the tables it keeps (#15): a reader of
// client-book/schema.ts or customers/schema.ts learns every trigger that changes or guards their rows.
const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const migrations = path.resolve(modules, '../db/migrations');

interface Trigger { name: string; table: string; fn: string; file: string }

function triggers(): Trigger[] {
  const found: Trigger[] = [];
  for (const file of fs.readdirSync(migrations).filter((f) => f.endsWith('.sql')).sort()) {
    const text = fs.readFileSync(path.join(migrations, file), 'utf8');
    for (const m of text.matchAll(/CREATE TRIGGER "(\w+)"[\s\S]*?\bON "(\w+)"[\s\S]*?EXECUTE FUNCTION "(\w+)"/gi)) {
      found.push({ name: m[1], table: m[2], fn: m[3], file });
    }
  }
  return found;
}

const schemaOf = (module: string) => fs.readFileSync(path.join(modules, module, 'schema.ts'), 'utf8');

describe('triggers named in schema.ts', () => {
  const all = triggers();

  it('finds the migrations\' triggers', () => {
    expect(all.map((t) => t.name)).toContain('customers_name_to_client_books');
  });

  it('names every trigger that keeps client book rows, and its function, in client-book/schema.ts', () => {
    const schema = schemaOf('client-book');
    const ours = all.filter((t) => t.table.startsWith('client_book') || t.fn.startsWith('client_book'));
    expect(ours.length).toBeGreaterThanOrEqual(5);
    expect(ours.filter((t) => !schema.includes(t.name) || !schema.includes(t.fn)).map((t) => `${t.name} (${t.file})`)).toEqual([]);
  });

  it('names every trigger on customers in customers/schema.ts', () => {
    const schema = schemaOf('customers');
    const onCustomers = all.filter((t) => t.table === 'customers');
    expect(onCustomers.length).toBeGreaterThanOrEqual(3);
    expect(onCustomers.filter((t) => !schema.includes(t.name)).map((t) => `${t.name} (${t.file})`)).toEqual([]);
  });
});
