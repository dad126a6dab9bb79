// Fields a validation problem may name (problem+json `field`, an API path such as "lines.0.sku"): a form names its own
// fields with its labels (ErrorNote's `fields`); any other path is read with these words (see lib/field-label.ts), and a
// name not listed here is spelt out ("startsAt" → "starts at").

export const enFields = {
  formField: {
    // One element of a list: "line 1".
    numbered: '{{name}} {{n}}',
    name: {
      email: 'email address', phone: 'phone number', firstName: 'first name', lastName: 'last name', salutation: 'salutation',
      language: 'language', preferredChannel: 'preferred channel', birthDate: 'birth date',
      body: 'text', subject: 'subject', notes: 'notes', outcome: 'outcome', visibility: 'visible to', occurredAt: 'date and time',
      activityTypeId: 'activity type', appointmentTypeId: 'appointment type', startsAt: 'start', endsAt: 'end', localStart: 'start time', localEnd: 'end time',
      storeId: 'store', associateId: 'associate', customerId: 'customer', customerIds: 'customers', productId: 'product', productIds: 'products',
      channel: 'channel', templateId: 'template', to: 'recipient', introduction: 'introduction', purpose: 'purpose', topics: 'topics',
      lines: 'lines', sku: 'SKU', quantity: 'quantity', name: 'name', displayName: 'display name', password: 'password', reason: 'reason',
      kind: 'kind', value: 'value', qualifier: 'for', validFrom: 'valid from', validTo: 'valid until', sqlText: 'SQL query',
      successorAssociateId: 'successor', toAssociateId: 'new associate', fromAssociateId: 'current associate', members: 'members', moves: 'moves',
    },
    // What one element of a list is called.
    item: {
      lines: 'line', customerIds: 'customer', productIds: 'product', members: 'member', moves: 'move', emails: 'email address', rates: 'rate',
      stores: 'store', storeIds: 'store', topics: 'topic', attributes: 'attribute', measures: 'measure', listValues: 'list value', roleIds: 'role',
    },
  },
};
