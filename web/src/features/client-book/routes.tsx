import type { FeatureRoute } from '../../lib/feature.ts';
import { ClientBookPage } from './client-book-page.tsx';
import { HandOverPage } from './hand-over-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/client-book', title: 'My client book', component: () => <ClientBookPage scope="mine" />, permission: 'client-book.view-own', nav: { label: 'My client book', section: 'associate', order: 5 } },
  { path: '/store-client-book', title: 'Store client book', component: () => <ClientBookPage scope="store" />, permission: 'client-book.view-store', nav: { label: 'Store client book', section: 'store', order: 5 } },
  { path: '/client-book/hand-over', title: 'Hand over a client book', component: HandOverPage, permission: 'client-book.reassign', nav: { label: 'Hand over a client book', section: 'store', order: 6 } },
];
