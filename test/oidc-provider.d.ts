// oidc-provider ships no types; tests only start it as a local OpenID provider.
declare module 'oidc-provider';
