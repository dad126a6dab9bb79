import type { ComponentType } from 'react';

/** A screen a feature contributes: web/src/features/<capability>/routes.tsx exports `routes`. */
export interface FeatureRoute {
  path: string;
  title: string;
  component: ComponentType<{ params: Record<string, string> }>;
  /** Shown in the navigation when set; hidden unless the user has the permission. */
  nav?: { label: string; section: 'associate' | 'store' | 'head-office'; order: number };
  permission?: string;
  /** Public pages (customer booking) render without sign-in and without the associate shell. */
  public?: boolean;
}

/**
 * A section of the customer profile page contributed by a feature:
 * web/src/features/<capability>/customer-panels.tsx exports `customerPanels`.
 */
export interface CustomerPanel {
  key: string;
  title: string;
  /** Lower shows first. Profile 10-40, activities and notes 50, recommendations 60, outreach 70, appointments 80, attribution 90. */
  order: number;
  permission?: string;
  component: ComponentType<{ customerId: string }>;
}
