// Topics the customer can turn off one by one, and which outreach purposes belong to each. A purpose with no topic
// (appointment confirmations and other transactional mail) is governed by the channel's consent alone.
export const TOPICS = ['new-arrivals', 'occasions', 'after-purchase', 'personal-selections'] as const;
export type Topic = (typeof TOPICS)[number];

const PURPOSE_TOPIC: Record<string, Topic> = {
  'new-arrivals': 'new-arrivals',
  birthday: 'occasions', anniversary: 'occasions',
  'thank-you': 'after-purchase', 'care-instructions': 'after-purchase', 'satisfaction-check': 'after-purchase',
  'save-the-sale': 'personal-selections', personal: 'personal-selections', look: 'personal-selections',
};

export const topicOfPurpose = (purpose: string | null | undefined): Topic | null => (purpose ? PURPOSE_TOPIC[purpose] ?? null : null);

/** Topic consents are kept beside channel consents (same table, same history), under this name. */
export const topicConsentName = (topic: Topic) => `topic:${topic}` as const;

export const isTopic = (t: string): t is Topic => (TOPICS as readonly string[]).includes(t);

/** Channels the customer controls on the page (the consent channels of the customer profile). */
export const PAGE_CHANNELS = ['email', 'sms', 'whatsapp', 'phone', 'mail'] as const;
export type PageChannel = (typeof PAGE_CHANNELS)[number];
export const isPageChannel = (c: string): c is PageChannel => (PAGE_CHANNELS as readonly string[]).includes(c);

export const LANGUAGES = ['en', 'fr'] as const;
export type PageLanguage = (typeof LANGUAGES)[number];
export const pageLanguage = (language: string | null | undefined): PageLanguage => ((language ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en');
