import type { FeatureRoute } from '../../lib/feature.ts';
import { PeoplePage } from './people-page.tsx';
import { AuditPage } from './audit-page.tsx';
import { InvitationPage } from './invitation-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/setup/people', title: 'Associates and access', component: PeoplePage, permission: 'users.manage', nav: { label: 'Associates & access', section: 'head-office', order: 90 } },
  { path: '/invitations/:token', title: 'Invitation', component: InvitationPage, public: true },
  { path: '/setup/audit', title: 'Audit log', component: AuditPage, permission: 'audit.view', nav: { label: 'Audit log', section: 'head-office', order: 95 } },
];
