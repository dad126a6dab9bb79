// Texts the server writes and names by key (see server-text.ts): each namespace lists the keys its module exports,
// checked in catalogue.unit.test.ts. The server keeps its own English for API clients; these are what screens show.

export const enServer = {
  // Next best actions on the customer card (src/modules/insights/next-best-action.ts).
  nba: {
    title: {
      'follow-up-open-case': 'Follow up on the open case first',
      'win-back-call': 'Win-back call',
      'retention-check-in': 'Check in with a personal message',
      'birthday-outreach': 'Birthday outreach',
      'anniversary-outreach': 'Anniversary outreach',
      'wishlist-in-stock': 'Tell them a wishlist item is in stock',
      'recommend-products': 'Suggest products picked for them',
      'follow-up-browsing': 'Follow up on products they looked at',
      'welcome-follow-up': 'Welcome follow-up after the first purchase',
      'invite-private-preview': 'Invite to a private preview',
    },
    // The channel inside a reason ("Prefers email and consented to it").
    channelName: { phone: 'phone calls', email: 'email', sms: 'SMS', whatsapp: 'WhatsApp', mail: 'post' },
    reason: {
      prefersConsented: 'Prefers $t(nba.channelName.{{channel}}) and consented to it',
      consented: 'Consented to $t(nba.channelName.{{channel}})',
      noConsent: 'No consent to contact on any channel: raise it at the next store visit',
      openCases_one: '{{count}} open case: "{{subject}}" ({{kind}}, opened {{days}} days ago)',
      openCases_other: '{{count}} open cases: "{{subject}}" ({{kind}}, opened {{days}} days ago)',
      churn: 'Churn probability {{share, share}}',
      lastPurchase_one: 'Last purchase {{count}} day ago',
      lastPurchase_other: 'Last purchase {{count}} days ago',
      vip: 'VIP customer',
      higherValueThan: 'Higher expected value than {{share, share}} of customers',
      birthdayToday: 'Birthday is today',
      birthdayIn_one: 'Birthday in {{count}} day',
      birthdayIn_other: 'Birthday in {{count}} days',
      anniversaryToday: 'Anniversary is today',
      anniversaryIn_one: 'Anniversary in {{count}} day',
      anniversaryIn_other: 'Anniversary in {{count}} days',
      inStock: 'In stock now: {{products}}',
      inStockMore: 'In stock now: {{products}} and {{count}} more',
      recommended: 'Recommended: {{products}}',
      viewedOnline: 'Viewed online in the last 14 days without buying: {{products}}',
      firstPurchase_one: 'First purchase {{count}} day ago',
      firstPurchase_other: 'First purchase {{count}} days ago',
      rfmSegment: 'RFM segment {{segment}}',
      probabilityActive: 'Probability active {{share, share}}',
    },
  },
  // Built-in measures' names (BUILTIN_MEASURES in src/modules/insights/builtin-measures.ts); SQL and external measures keep the name head office gave.
  measureName: {
    rfm_segment: 'RFM segment',
    rfm_score: 'RFM score',
    p_alive: 'Probability active',
    churn_probability: 'Churn probability',
    expected_purchases_90d: 'Expected purchases (90 days)',
    expected_spend: 'Expected spend per purchase',
    clv_12m: 'Customer lifetime value (12 months)',
    next_best_action: 'Next best action',
  },
  // Conversation starters' reasons (RECOMMENDATION_REASON_KEYS in src/modules/recommendations/service.ts).
  reco: {
    reason: {
      addedToBasket: '{{name}} added it to the online basket on {{when, day}} and has not bought it',
      viewed: '{{name}} viewed it online on {{when, day}} and has not bought it',
      viewedTimes: '{{name}} viewed it online on {{when, day}} ({{count}} times) and has not bought it',
      goesWith: 'Goes with the {{product}} {{name}} bought on {{when, day}} ({{share, share}} of its buyers also took this)',
      alsoBought: 'Because {{name}} bought {{product}} on {{when, day}}: {{share, share}} of customers who bought it also bought this',
      complementsTopSeller: 'Complements the {{product}} {{name}} bought on {{when, day}}: a top seller in {{category}}.{{note}}',
      complementsFrom: 'Complements the {{product}} {{name}} bought on {{when, day}}: from {{category}}.{{note}}',
      replenishmentDue: '{{name}} buys it about every {{interval}} days ({{count}} times, last on {{last, day}}); due {{due, day}}',
      replenishmentOverdue: '{{name}} buys it about every {{interval}} days ({{count}} times, last on {{last, day}}); due since {{due, day}}',
    },
  },
  // Today's tasks (TASK_TITLE_KEYS and TASK_DETAIL_KEYS in src/modules/outreach/task-texts.ts).
  task: {
    title: {
      birthday: 'Birthday on {{date, dayMonth}}',
      anniversary: 'Anniversary on {{date, dayMonth}}',
      cartLeft: 'Left {{product}} in the online cart',
      lookedAt: 'Looked at {{product}} online',
      newArrivals_one: '{{count}} new arrival matching their preferences',
      newArrivals_other: '{{count}} new arrivals matching their preferences',
      'thank-you': 'Thank them for their purchase',
      'care-instructions': 'Share care instructions',
      'satisfaction-check': 'Check they are happy with their purchase',
    },
    detail: {
      browsedWithoutBuying_one: '{{count}} product browsed without buying',
      browsedWithoutBuying_other: '{{count}} products browsed without buying',
    },
  },
};
