import type { FeatureRoute } from '../../lib/feature.ts';
import { SetupPage } from './setup-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/setup', title: 'Clienteling set-up', component: SetupPage, permission: 'setup.manage', nav: { label: 'Clienteling set-up', section: 'head-office', order: 10 } },
];
