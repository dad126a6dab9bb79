import type { FeatureRoute } from '../../lib/feature.ts';
import { SetupPage } from './setup-page.tsx';
import { JobsPage } from './jobs-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/setup/jobs', title: 'Background jobs', component: JobsPage, permission: 'setup.manage', nav: { label: 'Background jobs', section: 'head-office', order: 97 } },
  { path: '/setup', title: 'Clienteling set-up', component: SetupPage, permission: 'setup.manage', nav: { label: 'Clienteling set-up', section: 'head-office', order: 10 } },
];
