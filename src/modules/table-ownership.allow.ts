import type { AllowedCrossing } from './table-ownership.ts';

// Where a capability's SQL names another capability's table today (#15). table-ownership.unit.test.ts fails on a
// crossing missing here and on an entry nothing needs any more: this list only shrinks. An entry stays only as a
// declared read model, owned and documented by the module that keeps it; `remove` marks the ones #15 takes away.
// Reasons say where the crossing is (generated from the scan); whoever keeps an entry replaces that with why.
export const ALLOWED_CROSSINGS: readonly AllowedCrossing[] = [
  // activities
  { module: 'activities', table: 'address_book_members', access: 'read', reason: 'reads in service.ts' },
  { module: 'activities', table: 'associates', access: 'read', reason: 'reads in service.ts; foreign key in schema.ts' },
  { module: 'activities', table: 'customers', access: 'read', reason: 'foreign key in schema.ts' },
  { module: 'activities', table: 'legal_entities', access: 'read', reason: 'foreign key in schema.ts' },
  { module: 'activities', table: 'stores', access: 'read', reason: 'reads in service.ts; foreign key in schema.ts' },

  // appointments
  { module: 'appointments', table: 'address_book_members', access: 'read', reason: 'reads in setup-service.ts' },
  { module: 'appointments', table: 'associates', access: 'read', reason: 'reads in availability.ts, booking-service.ts, customer-appointments.ts and 4 more; foreign key in schema.ts' },
  { module: 'appointments', table: 'client_book_members', access: 'read', reason: 'reads in booking-service.ts, demo.ts' },
  { module: 'appointments', table: 'client_books', access: 'read', reason: 'reads in booking-service.ts, demo.ts' },
  { module: 'appointments', table: 'customers', access: 'read', reason: 'reads in booking-service.ts, customer-appointments.ts, day-service.ts; foreign key in schema.ts' },
  { module: 'appointments', table: 'legal_entities', access: 'read', reason: 'reads in availability.ts, day-service.ts, public-routes.ts; foreign key in schema.ts' },
  { module: 'appointments', table: 'order_lines', access: 'read', reason: 'reads in day-service.ts' },
  { module: 'appointments', table: 'orders', access: 'read', reason: 'reads in day-service.ts' },
  { module: 'appointments', table: 'product_association_rules', access: 'read', reason: 'reads in day-service.ts' },
  { module: 'appointments', table: 'products', access: 'read', reason: 'reads in day-service.ts' },
  { module: 'appointments', table: 'stores', access: 'read', reason: 'reads in availability.ts, booking-service.ts, customer-appointments.ts and 4 more; foreign key in schema.ts' },

  // attribution
  { module: 'attribution', table: 'address_book_members', access: 'read', reason: 'reads in performance.ts, statements.ts' },
  { module: 'attribution', table: 'appointments', access: 'read', reason: 'reads in performance.ts' },
  { module: 'attribution', table: 'associates', access: 'read', reason: 'reads in engine.ts, performance.ts, sales-groups.ts and 1 more; foreign key in schema.ts' },
  { module: 'attribution', table: 'client_books', access: 'read', reason: 'reads in performance.ts' },
  { module: 'attribution', table: 'customers', access: 'read', reason: 'reads in statements.ts' },
  { module: 'attribution', table: 'legal_entities', access: 'read', reason: 'reads in engine.ts, jobs.ts, performance.ts and 1 more; foreign key in schema.ts' },
  { module: 'attribution', table: 'order_lines', access: 'read', reason: 'reads in engine.ts, statements.ts; foreign key in schema.ts' },
  { module: 'attribution', table: 'orders', access: 'read', reason: 'reads in engine.ts, performance.ts, statements.ts' },
  { module: 'attribution', table: 'outreach_messages', access: 'read', reason: 'reads in engine.ts, performance.ts' },
  { module: 'attribution', table: 'products', access: 'read', reason: 'reads in engine.ts, statements.ts' },
  { module: 'attribution', table: 'return_lines', access: 'read', reason: 'reads in engine.ts; foreign key in schema.ts' },
  { module: 'attribution', table: 'returns', access: 'read', reason: 'reads in engine.ts, performance.ts' },
  { module: 'attribution', table: 'stores', access: 'read', reason: 'reads in commission-plans.ts, engine.ts, performance.ts and 2 more; foreign key in schema.ts' },

  // auth
  { module: 'auth', table: 'address_book_members', access: 'read', reason: 'reads in service.ts' },
  { module: 'auth', table: 'associate_roles', access: 'read', reason: 'reads in service.ts' },
  { module: 'auth', table: 'associates', access: 'read', reason: 'reads in invitations.ts, queries.ts, service.ts; foreign key in schema.ts' },
  { module: 'auth', table: 'legal_entities', access: 'read', reason: 'reads in invitations.ts, service.ts; foreign key in schema.ts' },
  { module: 'auth', table: 'roles', access: 'read', reason: 'reads in service.ts' },
  { module: 'auth', table: 'stores', access: 'read', reason: 'reads in service.ts' },
  { module: 'auth', table: 'associates', access: 'write', reason: 'writes in invitations.ts' },

  // catalogue
  { module: 'catalogue', table: 'legal_entities', access: 'read', reason: 'foreign key in schema.ts' },
  { module: 'catalogue', table: 'stores', access: 'read', reason: 'foreign key in schema.ts' },

  // client-book
  { module: 'client-book', table: 'address_book_members', access: 'read', reason: 'reads in search.ts' },
  { module: 'client-book', table: 'associates', access: 'read', reason: 'reads in books.ts, card.ts, saved-filters.ts and 1 more; foreign key in schema.ts' },
  { module: 'client-book', table: 'clienteling_settings', access: 'read', reason: 'reads in search.ts' },
  { module: 'client-book', table: 'customer_attribute_values', access: 'read', reason: 'reads in card.ts' },
  { module: 'client-book', table: 'customer_attributes', access: 'read', reason: 'reads in saved-filters.ts, search.ts' },
  { module: 'client-book', table: 'customer_measures', access: 'read', reason: 'reads in card.ts' },
  { module: 'client-book', table: 'customers', access: 'read', reason: 'reads in books.ts, search.ts; foreign key in schema.ts' },
  { module: 'client-book', table: 'legal_entities', access: 'read', reason: 'reads in search.ts; foreign key in schema.ts' },
  { module: 'client-book', table: 'measure_definitions', access: 'read', reason: 'reads in search.ts' },
  { module: 'client-book', table: 'stores', access: 'read', reason: 'reads in search.ts' },
  { module: 'client-book', table: 'activities', access: 'write', reason: 'demo data (demo.ts)' },
  { module: 'client-book', table: 'activity_types', access: 'write', reason: 'demo data (demo.ts)' },
  { module: 'client-book', table: 'attribute_groups', access: 'write', reason: 'demo data (demo.ts)' },
  { module: 'client-book', table: 'clienteling_settings', access: 'write', reason: 'demo data (demo.ts)' },
  { module: 'client-book', table: 'customer_attribute_values', access: 'write', reason: 'demo data (demo.ts)' },
  { module: 'client-book', table: 'customer_attributes', access: 'write', reason: 'demo data (demo.ts)' },
  { module: 'client-book', table: 'customer_notes', access: 'write', reason: 'demo data (demo.ts)' },
  { module: 'client-book', table: 'number_sequences', access: 'write', reason: 'demo data (demo.ts)' },

  // customer-attributes
  { module: 'customer-attributes', table: 'customers', access: 'read', reason: 'foreign key in schema.ts' },
  { module: 'customer-attributes', table: 'legal_entities', access: 'read', reason: 'foreign key in schema.ts' },

  // customer-profile
  { module: 'customer-profile', table: 'associates', access: 'read', reason: 'reads in queries.ts, timeline-source.ts; foreign key in schema.ts' },
  { module: 'customer-profile', table: 'customers', access: 'read', reason: 'reads in queries.ts; foreign key in schema.ts' },
  { module: 'customer-profile', table: 'legal_entities', access: 'read', reason: 'reads in queries.ts; foreign key in schema.ts' },
  { module: 'customer-profile', table: 'order_lines', access: 'read', reason: 'reads in demo.ts, queries.ts, timeline-source.ts' },
  { module: 'customer-profile', table: 'orders', access: 'read', reason: 'reads in demo.ts, queries.ts, timeline-source.ts; foreign key in schema.ts' },
  { module: 'customer-profile', table: 'product_stock', access: 'read', reason: 'reads in demo.ts, queries.ts' },
  { module: 'customer-profile', table: 'products', access: 'read', reason: 'reads in demo.ts, queries.ts, timeline-source.ts; foreign key in schema.ts' },
  { module: 'customer-profile', table: 'return_lines', access: 'read', reason: 'reads in demo.ts, queries.ts, timeline-source.ts' },
  { module: 'customer-profile', table: 'returns', access: 'read', reason: 'reads in demo.ts, queries.ts, timeline-source.ts' },
  { module: 'customer-profile', table: 'stores', access: 'read', reason: 'reads in queries.ts, timeline-source.ts; foreign key in schema.ts' },

  // customers
  { module: 'customers', table: 'legal_entities', access: 'read', reason: 'foreign key in schema.ts' },
  { module: 'customers', table: 'stores', access: 'read', reason: 'reads in service.ts; foreign key in schema.ts' },

  // demo
  { module: 'demo', table: 'customers', access: 'read', reason: 'demo data (load.ts)' },
  { module: 'demo', table: 'customer_address_books', access: 'write', reason: 'demo data (load.ts)' },
  { module: 'demo', table: 'customers', access: 'write', reason: 'demo data (load.ts)' },

  // imports
  { module: 'imports', table: 'associates', access: 'read', reason: 'reads in refs.ts' },
  { module: 'imports', table: 'attribution_ledger', access: 'read', reason: 'reads in entities-orders.ts' },
  { module: 'imports', table: 'customers', access: 'read', reason: 'reads in entities-people.ts' },
  { module: 'imports', table: 'legal_entities', access: 'read', reason: 'reads in refs.ts, webhooks.ts; foreign key in schema.ts' },
  { module: 'imports', table: 'order_lines', access: 'read', reason: 'reads in entities-commerce.ts, entities-orders.ts' },
  { module: 'imports', table: 'orders', access: 'read', reason: 'reads in entities-orders.ts' },
  { module: 'imports', table: 'return_lines', access: 'read', reason: 'reads in entities-commerce.ts, entities-orders.ts' },
  { module: 'imports', table: 'returns', access: 'read', reason: 'reads in entities-orders.ts' },
  { module: 'imports', table: 'stores', access: 'read', reason: 'reads in entities-people.ts, refs.ts' },
  { module: 'imports', table: 'browsing_events', access: 'write', reason: 'writes in entities-people.ts (bulk upsert)' },
  { module: 'imports', table: 'customer_address_books', access: 'write', reason: 'imports puts new customers in address books itself (part of creating a customer)', remove: '#15' },
  { module: 'imports', table: 'customers', access: 'write', reason: 'imports creates and updates customers itself, one of three ways to create one', remove: '#15' },
  { module: 'imports', table: 'interactions', access: 'write', reason: 'writes in entities-people.ts (bulk upsert)' },
  { module: 'imports', table: 'loyalty_accounts', access: 'write', reason: 'writes in entities-people.ts (bulk upsert)' },
  { module: 'imports', table: 'loyalty_ledger', access: 'write', reason: 'writes in entities-people.ts (bulk upsert)' },
  { module: 'imports', table: 'number_sequences', access: 'write', reason: 'imports draws customer account numbers itself (part of creating a customer)', remove: '#15' },
  { module: 'imports', table: 'order_lines', access: 'write', reason: 'imports writes order lines itself; orders should take them through its own queries', remove: '#15' },
  { module: 'imports', table: 'orders', access: 'write', reason: 'imports writes orders itself; orders should take them through its own queries', remove: '#15' },
  { module: 'imports', table: 'product_stock', access: 'write', reason: 'writes in entities-commerce.ts (bulk upsert)' },
  { module: 'imports', table: 'products', access: 'write', reason: 'writes in entities-commerce.ts (bulk upsert)' },
  { module: 'imports', table: 'return_lines', access: 'write', reason: 'imports writes return lines itself; orders should take them through its own queries', remove: '#15' },
  { module: 'imports', table: 'returns', access: 'write', reason: 'imports writes returns itself; orders should take them through its own queries', remove: '#15' },
  { module: 'imports', table: 'wishlist_items', access: 'write', reason: 'writes in entities-people.ts (bulk upsert)' },

  // insights
  { module: 'insights', table: 'browsing_events', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'customer_consents', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'customers', access: 'read', reason: 'reads in external-provider.ts, measure-sandbox.ts, measure-store.ts and 1 more; foreign key in schema.ts' },
  { module: 'insights', table: 'interactions', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'legal_entities', access: 'read', reason: 'reads in compute.ts, measures-service.ts, recompute.ts; foreign key in schema.ts' },
  { module: 'insights', table: 'order_lines', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'orders', access: 'read', reason: 'reads in compute.ts, demo.ts, nba-signals.ts' },
  { module: 'insights', table: 'product_stock', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'products', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'wishlist_items', access: 'read', reason: 'reads in nba-signals.ts' },
  { module: 'insights', table: 'clienteling_settings', access: 'write', reason: 'demo data (demo.ts)' },

  // orders
  { module: 'orders', table: 'customers', access: 'read', reason: 'foreign key in schema.ts' },
  { module: 'orders', table: 'legal_entities', access: 'read', reason: 'foreign key in schema.ts' },
  { module: 'orders', table: 'products', access: 'read', reason: 'foreign key in schema.ts' },
  { module: 'orders', table: 'stores', access: 'read', reason: 'foreign key in schema.ts' },

  // organisation
  { module: 'organisation', table: 'associate_invitations', access: 'read', reason: 'reads in queries.ts' },

  // outreach
  { module: 'outreach', table: 'address_book_members', access: 'read', reason: 'reads in tasks.ts' },
  { module: 'outreach', table: 'associates', access: 'read', reason: 'reads in service.ts, tasks.ts, timeline-source.ts; foreign key in schema.ts' },
  { module: 'outreach', table: 'browsing_events', access: 'read', reason: 'reads in prompts.ts' },
  { module: 'outreach', table: 'client_book_members', access: 'read', reason: 'reads in prompts.ts' },
  { module: 'outreach', table: 'client_books', access: 'read', reason: 'reads in prompts.ts' },
  { module: 'outreach', table: 'customer_consents', access: 'read', reason: 'reads in auto-send.ts, contact-policy.ts, opt-out.ts and 1 more' },
  { module: 'outreach', table: 'customer_preferences', access: 'read', reason: 'reads in prompts.ts' },
  { module: 'outreach', table: 'customers', access: 'read', reason: 'reads in contact-policy.ts, demo.ts, letters.ts and 3 more; foreign key in schema.ts' },
  { module: 'outreach', table: 'legal_entities', access: 'read', reason: 'reads in jobs.ts, letters.ts, outbox.ts and 3 more; foreign key in schema.ts' },
  { module: 'outreach', table: 'order_lines', access: 'read', reason: 'reads in prompts.ts' },
  { module: 'outreach', table: 'orders', access: 'read', reason: 'reads in prompts.ts' },
  { module: 'outreach', table: 'products', access: 'read', reason: 'reads in prompts.ts, service.ts' },
  { module: 'outreach', table: 'stores', access: 'read', reason: 'reads in service.ts, tasks.ts; foreign key in schema.ts' },
  { module: 'outreach', table: 'consent_history', access: 'write', reason: 'opt-out writes consent history itself; customer-profile owns consents', remove: '#15' },
  { module: 'outreach', table: 'customer_consents', access: 'write', reason: 'opt-out writes consents itself; customer-profile owns consents', remove: '#15' },

  // privacy
  { module: 'privacy', table: 'audit_log', access: 'read', reason: 'reads in service.ts' },
  { module: 'privacy', table: 'customers', access: 'read', reason: 'reads in duplicates.ts, service.ts' },
  { module: 'privacy', table: 'order_lines', access: 'read', reason: 'reads in service.ts' },
  { module: 'privacy', table: 'orders', access: 'read', reason: 'reads in service.ts' },
  { module: 'privacy', table: 'products', access: 'read', reason: 'reads in service.ts' },
  { module: 'privacy', table: 'customers', access: 'write', reason: 'writes in duplicates.ts' },

  // recommendations
  { module: 'recommendations', table: 'associates', access: 'read', reason: 'foreign key in schema.ts' },
  { module: 'recommendations', table: 'browsing_events', access: 'read', reason: 'reads in queries.ts' },
  { module: 'recommendations', table: 'customer_preferences', access: 'read', reason: 'reads in queries.ts' },
  { module: 'recommendations', table: 'customers', access: 'read', reason: 'reads in queries.ts' },
  { module: 'recommendations', table: 'legal_entities', access: 'read', reason: 'reads in evaluation-db.ts, jobs.ts; foreign key in schema.ts' },
  { module: 'recommendations', table: 'order_lines', access: 'read', reason: 'reads in evaluation-db.ts, mining-job.ts, queries.ts' },
  { module: 'recommendations', table: 'orders', access: 'read', reason: 'reads in evaluation-db.ts, mining-job.ts, queries.ts' },
  { module: 'recommendations', table: 'product_stock', access: 'read', reason: 'reads in queries.ts' },
  { module: 'recommendations', table: 'products', access: 'read', reason: 'reads in demo.ts, mining-job.ts, queries.ts and 1 more; foreign key in schema.ts' },

  // setup
  { module: 'setup', table: 'attribute_groups', access: 'read', reason: 'reads in service.ts' },
  { module: 'setup', table: 'client_book_members', access: 'read', reason: 'reads in service.ts' },
  { module: 'setup', table: 'client_books', access: 'read', reason: 'reads in service.ts' },
  { module: 'setup', table: 'legal_entities', access: 'read', reason: 'foreign key in schema.ts' },
  { module: 'setup', table: 'measure_definitions', access: 'read', reason: 'reads in service.ts' },
];
