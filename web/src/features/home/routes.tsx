import type { FeatureRoute } from '../../lib/feature.ts';
import { HomePage } from './home-page.tsx';

export const routes: FeatureRoute[] = [{ path: '/', title: 'Home', component: HomePage, nav: { label: 'Home', section: 'associate', order: 0 } }];
