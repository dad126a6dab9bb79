import type { enServer } from './en-server.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

// Les textes que le serveur nomme par une clé (voir en-server.ts).
export const frServer: Shape<typeof enServer> = {
  nba: {
    title: {
      'follow-up-open-case': 'Traiter d’abord la demande en cours',
      'win-back-call': 'Appel de reconquête',
      'retention-check-in': 'Prendre des nouvelles par un message personnel',
      'birthday-outreach': 'Message d’anniversaire',
      'anniversary-outreach': 'Message pour la date anniversaire',
      'wishlist-in-stock': 'Prévenir qu’un article de sa liste d’envies est en stock',
      'recommend-products': 'Proposer des produits choisis pour lui ou elle',
      'follow-up-browsing': 'Relancer sur les produits consultés',
      'welcome-follow-up': 'Suivi de bienvenue après le premier achat',
      'invite-private-preview': 'Inviter à une vente privée',
    },
    channelName: { phone: 'les appels', email: 'l’e-mail', sms: 'les SMS', whatsapp: 'WhatsApp', mail: 'le courrier' },
    reason: {
      prefersConsented: 'Préfère $t(nba.channelName.{{channel}}) et y a consenti',
      consented: 'A consenti à $t(nba.channelName.{{channel}})',
      noConsent: 'Aucun consentement à être contacté : en parler lors de la prochaine visite en boutique',
      openCases_one: '{{count}} demande en cours : « {{subject}} » ({{kind}}, ouverte il y a {{days}} jours)',
      openCases_other: '{{count}} demandes en cours : « {{subject}} » ({{kind}}, ouverte il y a {{days}} jours)',
      churn: 'Probabilité de départ {{share, share}}',
      lastPurchase_one: 'Dernier achat il y a {{count}} jour',
      lastPurchase_other: 'Dernier achat il y a {{count}} jours',
      vip: 'Client VIP',
      higherValueThan: 'Valeur attendue supérieure à celle de {{share, share}} des clients',
      birthdayToday: 'Son anniversaire est aujourd’hui',
      birthdayIn_one: 'Anniversaire dans {{count}} jour',
      birthdayIn_other: 'Anniversaire dans {{count}} jours',
      anniversaryToday: 'Sa date anniversaire est aujourd’hui',
      anniversaryIn_one: 'Date anniversaire dans {{count}} jour',
      anniversaryIn_other: 'Date anniversaire dans {{count}} jours',
      inStock: 'En stock : {{products}}',
      inStockMore: 'En stock : {{products}} et {{count}} autres',
      recommended: 'Recommandé : {{products}}',
      viewedOnline: 'Consulté en ligne ces 14 derniers jours sans achat : {{products}}',
      firstPurchase_one: 'Premier achat il y a {{count}} jour',
      firstPurchase_other: 'Premier achat il y a {{count}} jours',
      rfmSegment: 'Segment RFM {{segment}}',
      probabilityActive: 'Probabilité d’être actif {{share, share}}',
    },
  },
  measureName: {
    rfm_segment: 'Segment RFM',
    rfm_score: 'Score RFM',
    p_alive: 'Probabilité d’être actif',
    churn_probability: 'Probabilité de départ',
    expected_purchases_90d: 'Achats attendus (90 jours)',
    expected_spend: 'Dépense attendue par achat',
    clv_12m: 'Valeur client (12 mois)',
    next_best_action: 'Prochaine meilleure action',
  },
};
