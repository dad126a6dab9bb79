export interface CardProperty { kind: 'measure' | 'attribute'; key: string; label: string; value: string | null }
export interface Owner { associateId: string; associateName: string; bookNumber: string; isPrimary: boolean; addedAt: string }
export interface CustomerCard {
  customerId: string; accountNumber: string; firstName: string; lastName: string; email: string | null; phone: string | null; isVip: boolean;
  birthDate: string | null; anniversaryDate: string | null; birthdayInDays: number | null; anniversaryInDays: number | null;
  properties: CardProperty[]; owners: Owner[];
}
export interface Attribute { id: string; groupId: string; name: string; dataType: 'text' | 'number' | 'date' | 'boolean' | 'list'; canBeRefined: boolean; displayOrder: number; listValues: string[] }
export interface AttributeGroup { id: string; name: string; attributes: Attribute[] }
export interface AttributeFilter { attributeId: string; values?: string[]; min?: number; max?: number; from?: string; to?: string; equals?: boolean }
export interface Filter {
  q?: string; attributes?: AttributeFilter[]; upcomingDays?: number; upcomingKinds?: ('birthday' | 'anniversary')[];
  sort?: 'recent' | 'name' | 'upcoming'; ownerAssociateId?: string;
}
export interface SavedFilter { id: string; name: string; scope: 'mine' | 'store'; filter: Filter }
