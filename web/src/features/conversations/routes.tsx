import type { FeatureRoute } from '../../lib/feature.ts';
import { InboxPage } from './inbox-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/inbox', title: 'Inbox', component: InboxPage, permission: 'outreach.send', nav: { label: 'Inbox', section: 'associate', order: 12 } },
];
