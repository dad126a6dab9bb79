import type { enFields } from './en-fields.ts';

// Les champs qu’un problème de validation peut nommer (voir en-fields.ts).
export const frFields: typeof enFields = {
  formField: {
    numbered: '{{name}} {{n}}',
    name: {
      email: 'adresse e-mail', phone: 'numéro de téléphone', firstName: 'prénom', lastName: 'nom', salutation: 'civilité',
      language: 'langue', preferredChannel: 'canal préféré', birthDate: 'date de naissance',
      body: 'texte', subject: 'objet', notes: 'remarques', outcome: 'résultat', visibility: 'visible par', occurredAt: 'date et heure',
      activityTypeId: 'type d’activité', appointmentTypeId: 'type de rendez-vous', startsAt: 'début', endsAt: 'fin', localStart: 'heure de début', localEnd: 'heure de fin',
      storeId: 'boutique', associateId: 'conseiller', customerId: 'client', customerIds: 'clients', productId: 'produit', productIds: 'produits',
      channel: 'canal', templateId: 'modèle', to: 'destinataire', introduction: 'présentation', purpose: 'motif', topics: 'sujets',
      lines: 'lignes', sku: 'référence', quantity: 'quantité', name: 'nom', displayName: 'nom affiché', password: 'mot de passe', reason: 'raison',
      kind: 'type', value: 'valeur', qualifier: 'pour', validFrom: 'valable à partir du', validTo: 'valable jusqu’au', sqlText: 'requête SQL',
      successorAssociateId: 'successeur', toAssociateId: 'nouveau conseiller', fromAssociateId: 'conseiller actuel', members: 'membres', moves: 'déplacements',
    },
    item: {
      lines: 'ligne', customerIds: 'client', productIds: 'produit', members: 'membre', moves: 'déplacement', emails: 'adresse e-mail', rates: 'taux',
      stores: 'boutique', storeIds: 'boutique', topics: 'sujet', attributes: 'attribut', measures: 'indicateur', listValues: 'valeur de liste', roleIds: 'rôle',
    },
  },
};
