import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const modulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'modules');

/**
 * Capabilities register themselves: imports src/modules/<capability>/<name> of every capability that has one, in
 * folder order. The sources have `<name>.ts` (tests, tsx); the compiled build in dist/ has `<name>.js`.
 */
export async function importFromEachCapability(name: string): Promise<any[]> {
  const found: any[] = [];
  for (const dir of fs.readdirSync(modulesDir).sort()) {
    for (const ext of ['ts', 'js']) {
      const file = path.join(modulesDir, dir, `${name}.${ext}`);
      if (!fs.existsSync(file)) continue;
      found.push(await import(pathToFileURL(file).href));
      break;
    }
  }
  return found;
}
