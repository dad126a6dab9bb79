import { randomUUID } from 'node:crypto';

// Unique enough across parallel test files and both databases (codes, SKUs, external ids).
let counter = 0;
export const uniq = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomUUID().slice(0, 4)}`;

export const iso = (at: string | Date | undefined) => (at instanceof Date ? at.toISOString() : (at ?? new Date().toISOString()));
