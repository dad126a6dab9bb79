import type { AllowedCrossing } from './table-ownership.ts';

// Where a capability's SQL names another capability's table today (#15). table-ownership.unit.test.ts fails on a
// crossing missing here and on an entry nothing needs any more: this list only shrinks. Foreign keys declared in a
// schema.ts and reads of a read model declared by its owner (declareReadModels in the owner's schema.ts) need no
// entry; `remove` marks the ones #15 takes away. Only reads are left: a write goes through the owner's functions.
// Reasons say where the crossing is (generated from the scan); whoever keeps an entry replaces that with why.
export const ALLOWED_CROSSINGS: readonly AllowedCrossing[] = [
  // appointments
  { module: 'appointments', table: 'order_lines', access: 'read', reason: 'reads in day-service.ts' },
  { module: 'appointments', table: 'orders', access: 'read', reason: 'reads in day-service.ts' },
  { module: 'appointments', table: 'product_association_rules', access: 'read', reason: 'reads in day-service.ts' },
  { module: 'appointments', table: 'products', access: 'read', reason: 'reads in day-service.ts' },

  // attribution
  { module: 'attribution', table: 'appointments', access: 'read', reason: 'reads in optional-tables.ts, performance.ts' },
  { module: 'attribution', table: 'client_book_members', access: 'read', reason: 'store performance counts each associate\'s client book members (performance.ts; optional-tables.ts checks the table exists)' },
  { module: 'attribution', table: 'client_books', access: 'read', reason: 'reads in optional-tables.ts, performance.ts' },
  { module: 'attribution', table: 'order_lines', access: 'read', reason: 'reads in engine.ts, statements.ts' },
  { module: 'attribution', table: 'orders', access: 'read', reason: 'reads in engine.ts, performance.ts, statements.ts' },
  { module: 'attribution', table: 'outreach_messages', access: 'read', reason: 'reads in engine.ts, optional-tables.ts, performance.ts' },
  { module: 'attribution', table: 'products', access: 'read', reason: 'reads in engine.ts, statements.ts' },
  { module: 'attribution', table: 'return_lines', access: 'read', reason: 'reads in engine.ts' },
  { module: 'attribution', table: 'returns', access: 'read', reason: 'reads in engine.ts, performance.ts' },

  // auth
  { module: 'auth', table: 'associate_roles', access: 'read', reason: 'reads in second-factor.ts, service.ts' },
  { module: 'auth', table: 'roles', access: 'read', reason: 'reads in second-factor.ts, service.ts' },

  // client-book
  { module: 'client-book', table: 'clienteling_settings', access: 'read', reason: 'reads in search.ts' },
  { module: 'client-book', table: 'customer_attribute_values', access: 'read', reason: 'reads in card.ts' },
  { module: 'client-book', table: 'customer_attributes', access: 'read', reason: 'reads in saved-filters.ts, search.ts' },
  { module: 'client-book', table: 'customer_measures', access: 'read', reason: 'reads in card.ts' },
  { module: 'client-book', table: 'measure_definitions', access: 'read', reason: 'reads in search.ts' },

  // customer-profile
  { module: 'customer-profile', table: 'order_lines', access: 'read', reason: 'reads in queries.ts, timeline-source.ts' },
  { module: 'customer-profile', table: 'orders', access: 'read', reason: 'reads in queries.ts, timeline-source.ts' },
  { module: 'customer-profile', table: 'product_stock', access: 'read', reason: 'reads in queries.ts' },
  { module: 'customer-profile', table: 'products', access: 'read', reason: 'reads in queries.ts, timeline-source.ts' },
  { module: 'customer-profile', table: 'return_lines', access: 'read', reason: 'reads in queries.ts, timeline-source.ts' },
  { module: 'customer-profile', table: 'returns', access: 'read', reason: 'reads in queries.ts, timeline-source.ts' },

  // insights
  { module: 'insights', table: 'browsing_events', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'customer_consents', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'interactions', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'order_lines', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'orders', access: 'read', reason: 'reads in compute.ts, demo.ts, nba-signals.ts' },
  { module: 'insights', table: 'product_stock', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'products', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'wishlist_items', access: 'read', reason: 'reads in nba-signals.ts' },

  // organisation
  { module: 'organisation', table: 'associate_invitations', access: 'read', reason: 'reads in queries.ts' },

  // orders
  { module: 'orders', table: 'attribution_ledger', access: 'read', reason: 'an order line credited for commission is not removed by an import (queries.ts referencedOrderLines)' },

  // outreach
  { module: 'outreach', table: 'browsing_events', access: 'read', reason: 'reads in prompts.ts' },
  { module: 'outreach', table: 'client_book_members', access: 'read', reason: 'reads in conversations.ts, prompts.ts' },
  { module: 'outreach', table: 'client_books', access: 'read', reason: 'reads in conversations.ts, prompts.ts' },
  { module: 'outreach', table: 'customer_consents', access: 'read', reason: 'reads in auto-send.ts, contact-policy.ts, service.ts' },
  { module: 'outreach', table: 'customer_preferences', access: 'read', reason: 'reads in prompts.ts' },
  { module: 'outreach', table: 'order_lines', access: 'read', reason: 'reads in prompts.ts' },
  { module: 'outreach', table: 'orders', access: 'read', reason: 'reads in prompts.ts' },
  { module: 'outreach', table: 'products', access: 'read', reason: 'reads in prompts.ts, service.ts' },

  // privacy
  { module: 'privacy', table: 'order_lines', access: 'read', reason: 'reads in service.ts' },
  { module: 'privacy', table: 'orders', access: 'read', reason: 'reads in service.ts' },
  { module: 'privacy', table: 'products', access: 'read', reason: 'reads in service.ts' },

  // recommendations
  { module: 'recommendations', table: 'browsing_events', access: 'read', reason: 'reads in queries.ts' },
  { module: 'recommendations', table: 'customer_preferences', access: 'read', reason: 'reads in queries.ts' },
  { module: 'recommendations', table: 'order_lines', access: 'read', reason: 'reads in evaluation-db.ts, mining-job.ts, queries.ts' },
  { module: 'recommendations', table: 'orders', access: 'read', reason: 'reads in evaluation-db.ts, mining-job.ts, queries.ts' },
  { module: 'recommendations', table: 'product_stock', access: 'read', reason: 'reads in queries.ts' },
  { module: 'recommendations', table: 'products', access: 'read', reason: 'reads in demo.ts, mining-job.ts, queries.ts and 2 more' },
];
