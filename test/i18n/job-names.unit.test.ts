import { describe, expect, it } from 'vitest';
import { scheduledJobs, workerLoops } from '../../src/capabilities.ts';
import { en } from '../../web/src/i18n/en.ts';
import { fr } from '../../web/src/i18n/fr.ts';
import { i18next } from '../../web/src/i18n/i18n.ts';
import { jobName } from '../../web/src/features/setup/jobs-page.tsx';

// The background jobs screen names each job in the reader's words: every job a capability schedules, and every worker
// loop, has them in both catalogues (a new job fails here until it is worded).
describe('background jobs in the catalogues', () => {
  const names = [...scheduledJobs.map((j) => j.name), ...workerLoops.map((l) => l.name)];

  it('word every job, in English and in French, and nothing else', () => {
    const keys = names.map((n) => n.replace(/\./g, '_')).sort();
    expect(Object.keys(en.jobs.names).sort()).toEqual(keys);
    expect(Object.keys(fr.jobs.names).sort()).toEqual(keys);
  });

  it('show the words with the name beside, and a job the catalogue does not know by its name', () => {
    const t = i18next.getFixedT('fr');
    expect(jobName(t, 'insights.recompute-measures')).toBe('Recalcul des indicateurs (insights.recompute-measures)');
    expect(jobName(t, 'some.future-job')).toBe('some.future-job');
  });
});
