export type Language = 'en' | 'fr';

/** The page speaks the customer's language (English or French), as their emails do. */
export const TEXTS = {
  en: {
    title: 'Your preferences', hello: (n: string) => `Hello ${n},`, intro: 'Choose how we may contact you and what about. Changes apply from now on.',
    channels: 'How we may contact you', topics: 'What we write to you about', language: 'Language', save: 'Save my preferences', saving: 'Saving…',
    saved: 'Your preferences are saved.', noAddress: 'we have no address for this', associate: 'Your associate', noAssociate: 'No associate looks after you yet.',
    askOther: 'Ask for another associate', asked: 'Your request for another associate has been passed on to the store.',
    message: 'Anything we should know? (optional)', loading: 'Loading…',
    channel: { email: 'Email', sms: 'Text message (SMS)', whatsapp: 'WhatsApp', phone: 'Phone calls', mail: 'Post' } as Record<string, string>,
    topic: { 'new-arrivals': 'New arrivals', occasions: 'Birthdays and special occasions', 'after-purchase': 'Care and follow-up after a purchase', 'personal-selections': 'Personal selections from your associate' } as Record<string, string>,
  },
  fr: {
    title: 'Vos préférences', hello: (n: string) => `Bonjour ${n},`, intro: 'Choisissez comment nous pouvons vous contacter et à quel sujet. Les changements s’appliquent dès maintenant.',
    channels: 'Comment nous contacter', topics: 'Les sujets qui vous intéressent', language: 'Langue', save: 'Enregistrer mes préférences', saving: 'Enregistrement…',
    saved: 'Vos préférences sont enregistrées.', noAddress: 'nous n’avons pas d’adresse pour cela', associate: 'Votre conseiller', noAssociate: 'Aucun conseiller ne vous suit encore.',
    askOther: 'Demander un autre conseiller', asked: 'Votre demande d’un autre conseiller a été transmise à la boutique.',
    message: 'Quelque chose à nous dire ? (facultatif)', loading: 'Chargement…',
    channel: { email: 'E-mail', sms: 'SMS', whatsapp: 'WhatsApp', phone: 'Appels téléphoniques', mail: 'Courrier' } as Record<string, string>,
    topic: { 'new-arrivals': 'Nouveautés', occasions: 'Anniversaires et occasions', 'after-purchase': 'Entretien et suivi après un achat', 'personal-selections': 'Sélections personnelles de votre conseiller' } as Record<string, string>,
  },
};

export const browserLanguage = (): Language => (navigator.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en');
