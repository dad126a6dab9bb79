import type { FeatureRoute } from '../../lib/feature.ts';
import { MeasuresPage } from './measures-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/setup/measures', title: 'Measures', component: MeasuresPage, permission: 'insights.manage', nav: { label: 'Measures', section: 'head-office', order: 20 } },
];
