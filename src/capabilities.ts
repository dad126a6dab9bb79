// The registry of what each capability plugs into the platform, listed by hand: a capability that adds a routes.ts,
// jobs.ts, timeline-source.ts or demo.ts adds it here too (src/capabilities.test.ts fails until it does).
// Imported only by the code that consumes these lists (src/http/app.ts, src/jobs/scheduler.ts, src/modules/demo/load.ts),
// never from a capability's own files (tests aside): the routes imported here would otherwise import it back.
import type { App } from './http/types.ts';
import type { ScheduledJob, WorkerLoop } from './jobs/scheduler.ts';
import type { TimelineSource } from './modules/customers/timeline.ts';
import type { DemoSeeder } from './modules/demo/context.ts';

import activityRoutes from './modules/activities/routes.ts';
import appointmentRoutes from './modules/appointments/routes.ts';
import attributionRoutes from './modules/attribution/routes.ts';
import auditRoutes from './modules/audit/routes.ts';
import authRoutes from './modules/auth/routes.ts';
import clientBookRoutes from './modules/client-book/routes.ts';
import customerAttributeRoutes from './modules/customer-attributes/routes.ts';
import customerProfileRoutes from './modules/customer-profile/routes.ts';
import customerRoutes from './modules/customers/routes.ts';
import healthRoutes from './modules/health/routes.ts';
import importRoutes from './modules/imports/routes.ts';
import insightRoutes from './modules/insights/routes.ts';
import jobRoutes from './modules/jobs/routes.ts';
import organisationRoutes from './modules/organisation/routes.ts';
import outreachRoutes from './modules/outreach/routes.ts';
import preferenceRoutes from './modules/preferences/routes.ts';
import privacyRoutes from './modules/privacy/routes.ts';
import recommendationRoutes from './modules/recommendations/routes.ts';
import scimRoutes from './modules/scim/routes.ts';
import setupRoutes from './modules/setup/routes.ts';
import shareRoutes from './modules/shares/routes.ts';

import { jobs as appointmentJobs } from './modules/appointments/jobs.ts';
import { jobs as attributionJobs } from './modules/attribution/jobs.ts';
import { jobs as customerJobs } from './modules/customers/jobs.ts';
import { jobs as healthJobs } from './modules/health/jobs.ts';
import { jobs as insightJobs } from './modules/insights/jobs.ts';
import { jobs as jobsJobs } from './modules/jobs/jobs.ts';
import { jobs as outreachJobs, loops as outreachLoops } from './modules/outreach/jobs.ts';
import { jobs as recommendationJobs } from './modules/recommendations/jobs.ts';

import { timelineSource as activityTimeline } from './modules/activities/timeline-source.ts';
import { timelineSource as appointmentTimeline } from './modules/appointments/timeline-source.ts';
import { timelineSource as customerProfileTimeline } from './modules/customer-profile/timeline-source.ts';
import { timelineSource as outreachTimeline } from './modules/outreach/timeline-source.ts';
import { timelineSource as preferencesTimeline } from './modules/preferences/timeline-source.ts';
import { timelineSource as sharesTimeline } from './modules/shares/timeline-source.ts';

import { demoSeeder as customerProfileDemo } from './modules/customer-profile/demo.ts';
import { demoSeeder as clientBookDemo } from './modules/client-book/demo.ts';
import { demoSeeder as insightsDemo } from './modules/insights/demo.ts';
import { demoSeeder as recommendationsDemo } from './modules/recommendations/demo.ts';
import { demoSeeder as outreachDemo } from './modules/outreach/demo.ts';
import { demoSeeder as appointmentsDemo } from './modules/appointments/demo.ts';
import { demoSeeder as attributionDemo } from './modules/attribution/demo.ts';

/** A capability's routes: a Fastify plugin and the path it is mounted under. */
export interface CapabilityRoutes {
  plugin: (app: App) => Promise<void>;
  prefix: string;
}

export type { ScheduledJob, WorkerLoop, TimelineSource, DemoSeeder };

const API = '/api/v1';

/** In registration order, which is also the order of the OpenAPI document's paths. */
export const capabilityRoutes: readonly CapabilityRoutes[] = [
  { plugin: activityRoutes, prefix: API },
  { plugin: appointmentRoutes, prefix: API },
  { plugin: attributionRoutes, prefix: API },
  { plugin: auditRoutes, prefix: API },
  { plugin: authRoutes, prefix: API },
  { plugin: clientBookRoutes, prefix: API },
  { plugin: customerAttributeRoutes, prefix: API },
  { plugin: customerProfileRoutes, prefix: API },
  { plugin: customerRoutes, prefix: API },
  // /health sits at the root, where load balancers and uptime checks look for it.
  { plugin: healthRoutes, prefix: '' },
  { plugin: importRoutes, prefix: API },
  { plugin: insightRoutes, prefix: API },
  { plugin: jobRoutes, prefix: API },
  { plugin: organisationRoutes, prefix: API },
  { plugin: outreachRoutes, prefix: API },
  { plugin: preferenceRoutes, prefix: API },
  { plugin: privacyRoutes, prefix: API },
  { plugin: recommendationRoutes, prefix: API },
  // SCIM 2.0 for directories at /scim/v2 (its own wire format and errors; only a SCIM token gets in), and the hand-over rule and tasks under /api/v1.
  { plugin: scimRoutes, prefix: '' },
  { plugin: setupRoutes, prefix: API },
  { plugin: shareRoutes, prefix: API },
];

/** Jobs a working process (`worker`, or `serve` without --no-jobs) schedules and runs through pg-boss. */
export const scheduledJobs: readonly ScheduledJob[] = [
  ...appointmentJobs,
  ...attributionJobs,
  ...customerJobs,
  ...healthJobs,
  ...insightJobs,
  ...jobsJobs,
  ...outreachJobs,
  ...recommendationJobs,
];

/** What a working process keeps doing besides its jobs. */
export const workerLoops: readonly WorkerLoop[] = [
  ...outreachLoops,
];

/** What puts events on a customer's timeline; the timeline merges them, so their order does not matter. */
export const timelineSources: readonly TimelineSource[] = [
  activityTimeline,
  appointmentTimeline,
  customerProfileTimeline,
  outreachTimeline,
  preferencesTimeline,
  sharesTimeline,
];

/** The demo loader runs these in this order, each building on what the earlier ones made (purchases first, attribution of those sales last). */
export const demoSteps: readonly DemoSeeder[] = [
  customerProfileDemo,
  clientBookDemo,
  insightsDemo,
  recommendationsDemo,
  outreachDemo,
  appointmentsDemo,
  attributionDemo,
];
