/**
 * What the app takes for an email address: something, an @, a domain with a dot, no spaces. Loose on purpose (the
 * mail server is the judge of the rest); the importer, SCIM and the web's contact form all check with it.
 */
export const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
