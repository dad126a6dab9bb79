import type { FeatureRoute } from '../../lib/feature.ts';
import { SecurityPage } from './security-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/security', title: 'Sign-in and security', component: SecurityPage, nav: { label: 'Security', section: 'associate', order: 99 } },
];
