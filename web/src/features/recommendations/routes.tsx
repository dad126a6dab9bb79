import type { FeatureRoute } from '../../lib/feature.ts';
import { RecommendationSetupPage } from './setup-page.tsx';

export const routes: FeatureRoute[] = [
  {
    path: '/setup/recommendations', title: 'Recommendation set-up', component: RecommendationSetupPage,
    permission: 'recommendations.manage', nav: { label: 'Recommendations', section: 'head-office', order: 40 },
  },
];
