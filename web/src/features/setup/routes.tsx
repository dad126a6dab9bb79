import type { FeatureRoute } from '../../lib/feature.ts';
import { SetupPage } from './setup-page.tsx';
import { JobsPage } from './jobs-page.tsx';
import { SignInSettingsPage } from './sign-in-settings.tsx';

export const routes: FeatureRoute[] = [
  { path: '/setup/sign-in', title: 'Sign-in', component: SignInSettingsPage, permission: 'users.manage', nav: { label: 'Sign-in', section: 'head-office', order: 92 } },
  { path: '/setup/jobs', title: 'Background jobs', component: JobsPage, permission: 'setup.manage', nav: { label: 'Background jobs', section: 'head-office', order: 97 } },
  { path: '/setup', title: 'Clienteling set-up', component: SetupPage, permission: 'setup.manage', nav: { label: 'Clienteling set-up', section: 'head-office', order: 10 } },
];
