import type { CustomerPanel } from '../../lib/feature.ts';
import { ThreadPanel } from './thread-panel.tsx';

export const customerPanels: CustomerPanel[] = [
  { key: 'conversation', title: 'Conversation', order: 68, permission: 'customers.view', component: ThreadPanel },
];
