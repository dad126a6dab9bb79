import type { FeatureRoute } from '../../lib/feature.ts';
import { LookPage } from './look-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/look/:token', title: 'Your selection', component: LookPage, public: true },
];
