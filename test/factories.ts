// Test factories (Outline's): each takes optional overrides and creates the parents it is not given.
export * from './factories/organisation.ts';
export * from './factories/commerce.ts';
export * from './factories/engagement.ts';
export * from './factories/second-factor.ts';
