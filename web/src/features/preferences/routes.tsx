import type { FeatureRoute } from '../../lib/feature.ts';
import { PreferencePage } from './preference-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/preferences/:token', title: 'Your preferences', component: PreferencePage, public: true },
];
