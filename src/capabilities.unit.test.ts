import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it, expect } from 'vitest';
import { capabilityRoutes, scheduledJobs, timelineSources, demoSteps, workerLoops } from './capabilities.ts';

const srcDir = path.dirname(fileURLToPath(import.meta.url));
const modulesDir = path.join(srcDir, 'modules');
const capabilityFolders = fs.readdirSync(modulesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** What each kind of file exports, and the registry's list of those. */
const kinds: { file: string; exported(mod: any): unknown[]; registry: readonly unknown[]; optional?: boolean }[] = [
  { file: 'routes.ts', exported: (mod) => [mod.default], registry: capabilityRoutes.map((r) => r.plugin) },
  { file: 'jobs.ts', exported: (mod) => mod.jobs, registry: scheduledJobs },
  // A jobs.ts may also export worker loops (the outbox sender).
  { file: 'jobs.ts', exported: (mod) => mod.loops ?? [], registry: workerLoops, optional: true },
  { file: 'timeline-source.ts', exported: (mod) => [mod.timelineSource], registry: timelineSources },
  { file: 'demo.ts', exported: (mod) => [mod.demoSeeder], registry: demoSteps },
];

describe('the capability registry (src/capabilities.ts)', () => {
  it('lists every routes.ts, jobs.ts, timeline-source.ts and demo.ts under src/modules, and nothing else', async () => {
    const missing: string[] = [];
    const exported = new Set<unknown>();
    for (const dir of capabilityFolders) {
      for (const kind of kinds) {
        const file = path.join(modulesDir, dir, kind.file);
        if (!fs.existsSync(file)) continue;
        const things = kind.exported(await import(pathToFileURL(file).href));
        things.forEach((t) => exported.add(t));
        if ((!things.length && !kind.optional) || things.some((t) => !kind.registry.includes(t))) missing.push(`src/modules/${dir}/${kind.file}`);
      }
    }
    expect(missing, 'add these to src/capabilities.ts').toEqual([]);
    expect(kinds.flatMap((k) => k.registry).filter((t) => !exported.has(t)), 'registered but not exported by a capability file').toEqual([]);
  });

  it('registers each thing once, and no two jobs or demo steps share a name', () => {
    expect(new Set(capabilityRoutes.map((r) => r.plugin)).size).toBe(capabilityRoutes.length);
    expect(new Set(timelineSources).size).toBe(timelineSources.length);
    expect(new Set(scheduledJobs.map((j) => j.name)).size).toBe(scheduledJobs.length);
    expect(new Set(demoSteps.map((s) => s.name)).size).toBe(demoSteps.length);
  });

  it('is imported by no file it imports, so no capability loads half-initialised', () => {
    // Value imports only: `import type` is erased by tsc and esbuild alike.
    const valueImports = (file: string): string[] => {
      const text = fs.readFileSync(file, 'utf8');
      const out: string[] = [];
      for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'(\.{1,2}\/[^']+)'/gm)) {
        const [, typeOnly, names, spec] = m;
        const allTypes = /^\{[^}]*\}$/.test(names.trim()) && names.replace(/[{}]/g, '').split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '));
        if (!typeOnly && !allTypes) out.push(path.resolve(path.dirname(file), spec));
      }
      for (const m of text.matchAll(/^import\s+'(\.{1,2}\/[^']+)'/gm)) out.push(path.resolve(path.dirname(file), m[1]));
      return out;
    };
    const registry = path.join(srcDir, 'capabilities.ts');
    const seen = new Set<string>();
    const cycles: string[] = [];
    const walk = (file: string, trail: string[]) => {
      for (const dep of valueImports(file)) {
        if (dep === registry) cycles.push([...trail, file].map((f) => path.relative(srcDir, f)).join(' → ') + ' → capabilities.ts');
        if (seen.has(dep) || !dep.endsWith('.ts') || !fs.existsSync(dep)) continue;
        seen.add(dep);
        walk(dep, [...trail, file]);
      }
    };
    walk(registry, []);
    expect(seen.size).toBeGreaterThan(capabilityRoutes.length); // the walk did follow the imports
    expect(cycles).toEqual([]);
  });
});
