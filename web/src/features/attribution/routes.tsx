import type { FeatureRoute } from '../../lib/feature.ts';
import { MySalesPage } from './my-sales-page.tsx';
import { StorePerformancePage } from './store-performance-page.tsx';
import { CommissionSetupPage } from './commission-setup-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/my-sales', title: 'My sales', component: MySalesPage, permission: 'attribution.view-own', nav: { label: 'My sales', section: 'associate', order: 70 } },
  { path: '/store-performance', title: 'Store performance', component: StorePerformancePage, permission: 'performance.view', nav: { label: 'Store performance', section: 'store', order: 70 } },
  { path: '/setup/commission', title: 'Commission', component: CommissionSetupPage, permission: 'attribution.manage', nav: { label: 'Commission', section: 'head-office', order: 70 } },
];
