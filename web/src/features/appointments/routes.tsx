import type { FeatureRoute } from '../../lib/feature.ts';
import { BookPage } from './book-page.tsx';
import { ManagePage } from './manage-page.tsx';
import { MyDayPage } from './my-day-page.tsx';
import { AppointmentSetupPage } from './setup-page.tsx';

export const routes: FeatureRoute[] = [
  { path: '/book', title: 'Book an appointment', component: BookPage, public: true },
  { path: '/book/manage/:token', title: 'Your appointment', component: ManagePage, public: true },
  { path: '/appointments', title: 'My day', component: MyDayPage, permission: 'appointments.view', nav: { label: 'My day', section: 'associate', order: 20 } },
  { path: '/setup/appointments', title: 'Appointment set-up', component: AppointmentSetupPage, permission: 'appointments.manage', nav: { label: 'Appointment set-up', section: 'store', order: 40 } },
];
