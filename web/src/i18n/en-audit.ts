// Words of the audit log (src/modules/audit): each action (AUDIT_ACTIONS) and each kind of record a capability writes
// with audit(…), read from the source in test/i18n/audit-words.unit.test.ts, so a new one fails there until it is worded.
// The page shows any other code as written.

export const enAudit = {
  // Who acted when no associate did (shared/system-actors.ts: the log stores their English label).
  auditActor: {
    scim: 'Identity provider (SCIM)', webhook: 'Webhook', preferencePage: 'Customer (preference page)', onlineBooking: 'Online booking',
    commandLineImport: 'Command line import', smsProvider: 'SMS provider', whatsappProvider: 'WhatsApp provider',
  },
  auditAction: {
    read: 'Viewed', create: 'Created', update: 'Changed', delete: 'Deleted', export: 'Exported', erase: 'Erased', merge: 'Merged',
    send: 'Sent', import: 'Imported', reassign: 'Reassigned', sign_in: 'Signed in',
  },
  auditRecord: {
    // Customers and what is known of them.
    customer: 'Customer',
    'customer-profile': 'Customer 360',
    'customer-preference': 'Customer preference',
    'customer-consent': 'Customer consent',
    customer_attributes: 'Customer attribute values',
    customer_attribute: 'Customer attribute',
    attribute_group: 'Attribute group',
    timeline: 'Customer timeline',
    notes: 'Customer notes',
    note: 'Note',
    activity: 'Activity',
    activity_type: 'Activity type',
    appointment: 'Appointment',
    'appointment-type': 'Appointment type',
    'letter-batch': 'Letter batch',
    // Client books and hand-overs.
    client_book: 'Client book',
    store_client_book: 'Store client book',
    hand_over_task: 'Hand-over',
    hand_over_rule: 'Hand-over rule',
    // People, stores and access.
    associate: 'Associate',
    'associate-schedule': 'Associate working hours',
    'associate-time-off': 'Associate time off',
    'store-opening-hours': 'Store opening hours',
    store: 'Store',
    role: 'Role',
    user: 'User',
    session: 'Sign-in session',
    api_token: 'API token',
    oidc_provider: 'OpenID Connect sign-in',
    saml_provider: 'SAML sign-in',
    'webhook-secret': 'Import webhook secret',
    // Settings.
    clienteling_settings: 'Clienteling settings',
    number_sequence: 'Client book numbering',
    recommendation_settings: 'Recommendation settings',
    category_complement: 'Complementary categories',
    'attribution-settings': 'Sales attribution settings',
    'attribution-statement': 'Sales statement',
    'commission-plan': 'Commission plan',
    'sales-group': 'Sales group',
    // Imports, by entity (ENTITY_NAMES in src/modules/imports/entities.ts).
    customers: 'Customers (import)',
    products: 'Products (import)',
    stock: 'Stock (import)',
    orders: 'Orders (import)',
    returns: 'Returns (import)',
    loyalty: 'Loyalty memberships (import)',
    'loyalty-points': 'Loyalty points (import)',
    interactions: 'Customer interactions (import)',
    'service-cases': 'Service cases (import)',
    'marketing-touches': 'Marketing touches (import)',
    browsing: 'Online browsing (import)',
    wishlist: 'Wishlists (import)',
  },
};
