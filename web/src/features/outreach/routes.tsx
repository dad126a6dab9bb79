import type { FeatureRoute } from '../../lib/feature.ts';
import { TasksPage } from './tasks-page.tsx';
import { TemplatesPage } from './templates-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/tasks', title: 'Today', component: TasksPage, permission: 'outreach.send', nav: { label: 'Today', section: 'associate', order: 10 } },
  { path: '/setup/templates', title: 'Outreach set-up', component: TemplatesPage, permission: 'outreach.manage', nav: { label: 'Outreach set-up', section: 'head-office', order: 30 } },
];
