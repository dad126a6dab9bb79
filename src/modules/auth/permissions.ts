// Named operations, as the seed's POS operations, granted to roles.
export const PERMISSIONS = {
  'client-book.view-own': 'View customers in client book',
  'client-book.view-store': 'View customers from store client books',
  'client-book.add': 'Add customer to client book',
  'client-book.remove': 'Remove customers from client book',
  'client-book.reassign': 'Reassign customers to a client book',
  'customers.view': 'View customer details',
  'customers.edit': 'Create and edit customers',
  'customers.search': 'Search customers',
  'notes.edit': 'Add and edit notes',
  'activities.edit': 'Record activities',
  'setup.manage': 'Manage clienteling set-up',
  'users.manage': 'Manage associates, roles and API tokens',
  'audit.view': 'View the audit log',
  'privacy.manage': 'Export and erase customer data',
  'import.run': 'Import data',
  'insights.manage': 'Manage insight measures',
  'recommendations.manage': 'Manage recommendation rules',
  'outreach.send': 'Send outreach to customers',
  'outreach.manage': 'Manage outreach templates and prompts',
  'appointments.view': 'View appointments',
  'appointments.manage': 'Manage appointment set-up and schedules',
  'attribution.view-own': 'View own sales attribution and commission',
  'attribution.manage': 'Manage commission plans and attribution',
  'performance.view': 'View store performance',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(p: string): p is Permission {
  return p in PERMISSIONS;
}

// Default roles created for a new legal entity.
export const DEFAULT_ROLES: { name: string; description: string; permissions: Permission[] }[] = [
  {
    name: 'Sales associate',
    description: 'Works a personal client book in the store',
    permissions: [
      'client-book.view-own', 'client-book.add', 'client-book.remove', 'customers.view', 'customers.search', 'customers.edit',
      'notes.edit', 'activities.edit', 'outreach.send', 'appointments.view', 'attribution.view-own',
    ],
  },
  {
    name: 'Store manager',
    description: 'Runs a store: store client books, reassignment, performance',
    permissions: [
      'client-book.view-own', 'client-book.view-store', 'client-book.add', 'client-book.remove', 'client-book.reassign',
      'customers.view', 'customers.search', 'customers.edit', 'notes.edit', 'activities.edit', 'outreach.send',
      'appointments.view', 'appointments.manage', 'attribution.view-own', 'performance.view',
    ],
  },
  {
    name: 'Head office',
    description: 'Sets up clienteling for the legal entity',
    permissions: ALL_PERMISSIONS,
  },
];
