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
