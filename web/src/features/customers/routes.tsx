import type { FeatureRoute } from '../../lib/feature.ts';
import { CustomerSearchPage } from './search-page.tsx';
import { CustomerProfilePage } from './profile-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/customers', title: 'Find a customer', component: CustomerSearchPage, permission: 'customers.search', nav: { label: 'Customers', section: 'associate', order: 20 } },
  { path: '/customers/:id', title: 'Customer', component: CustomerProfilePage, permission: 'customers.view' },
];
