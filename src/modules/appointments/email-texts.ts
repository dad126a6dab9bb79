// The customer's appointment emails in their language (customers.language). French and English; anything else reads English.

export type EmailLanguage = 'en' | 'fr';
type Kind = 'confirmation' | 'rescheduled' | 'cancelled' | 'reminder';

export interface EmailTexts {
  when(d: Date, timeZone: string): string;
  greeting(name: string): string;
  subject: Record<Kind, (type: string, store: string) => string>;
  lead: Record<Exclude<Kind, 'cancelled'>, string>;
  cancelledBody(type: string, when: string, where: string): string;
  /** ': ' in English, ' : ' in French typography. */
  colon: string;
  storeLabel: string;
  withLabel: string;
  changeOrCancel: string;
  icsSummary(type: string, store: string): string;
  icsDescription(associate: string, link: string): string;
}

export function languageOf(language: string | null | undefined): EmailLanguage {
  return (language ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function dateAndTime(locale: string, joiner: string) {
  return (d: Date, timeZone: string) => {
    const date = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
    const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
    return `${date} ${joiner} ${time}`;
  };
}

// Type names are the store's own words ("Personal shopping"), kept as written; lower-cased inside sentences.
const lc = (s: string) => s.toLowerCase();

const en: EmailTexts = {
  when: dateAndTime('en-GB', 'at'),
  greeting: (name) => `Dear ${name},`,
  subject: {
    confirmation: (type, store) => `Your ${lc(type)} at ${store} is booked`,
    rescheduled: (type, store) => `Your ${lc(type)} at ${store} has moved`,
    cancelled: (type, store) => `Your ${lc(type)} at ${store} is cancelled`,
    reminder: (type, store) => `Reminder: your ${lc(type)} at ${store} tomorrow`,
  },
  lead: { confirmation: 'Thank you for booking.', rescheduled: 'Your appointment has a new time.', reminder: 'We look forward to seeing you tomorrow.' },
  cancelledBody: (type, when, where) => `Your ${lc(type)} on ${when} at ${where} is cancelled. We hope to see you another time.`,
  colon: ': ',
  storeLabel: 'Store',
  withLabel: 'With',
  changeOrCancel: 'To change or cancel your appointment',
  icsSummary: (type, store) => `${type} at ${store}`,
  icsDescription: (associate, link) => `With ${associate}. Change or cancel: ${link}`,
};

const fr: EmailTexts = {
  when: dateAndTime('fr-FR', 'à'),
  greeting: (name) => `Bonjour ${name},`,
  subject: {
    confirmation: (type, store) => `Votre rendez-vous (${lc(type)}) chez ${store} est confirmé`,
    rescheduled: (type, store) => `Votre rendez-vous (${lc(type)}) chez ${store} a été déplacé`,
    cancelled: (type, store) => `Votre rendez-vous (${lc(type)}) chez ${store} est annulé`,
    reminder: (type, store) => `Rappel : votre rendez-vous (${lc(type)}) chez ${store} demain`,
  },
  lead: {
    confirmation: 'Merci pour votre réservation.',
    rescheduled: 'Votre rendez-vous a un nouvel horaire.',
    reminder: 'Nous nous réjouissons de vous accueillir demain.',
  },
  cancelledBody: (type, when, where) => `Votre rendez-vous (${lc(type)}) du ${when}, ${where}, est annulé. Au plaisir de vous accueillir une autre fois.`,
  colon: '\u00a0: ',
  storeLabel: 'Boutique',
  withLabel: 'Avec',
  changeOrCancel: 'Pour modifier ou annuler votre rendez-vous',
  icsSummary: (type, store) => `${type} chez ${store}`,
  icsDescription: (associate, link) => `Avec ${associate}. Modifier ou annuler : ${link}`,
};

export function emailTexts(language: EmailLanguage): EmailTexts {
  return language === 'fr' ? fr : en;
}
