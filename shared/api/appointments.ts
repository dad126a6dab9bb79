// The preparation sheet of an appointment as the server builds it (the web reads it through the types generated from /openapi.json).

export interface PreparationSheet {
  customer: {
    id: string; accountNumber: string; name: string; email: string | null; phone: string | null; isVip: boolean; birthDate: string | null;
    language: string; customerSince: string; loyaltyTier: string | null; loyaltyPoints: number | null;
  };
  spending: { orderCount: number; totalMinor: number; last12MonthsMinor: number; lastPurchaseAt: string | null; currency: string };
  recentPurchases: { orderedAt: string; storeName: string | null; channel: string; totalMinor: number; currency: string; items: { name: string; brand: string | null; quantity: number }[] }[];
  preferences: { kind: string; qualifier: string; value: string }[];
  wishlist: { name: string; brand: string | null; onHandHere: number | null }[];
  notes: { body: string; authorName: string; createdAt: string }[];
  recommendations: { name: string; reason: string }[];
  previousAppointments: { startsAt: string; typeName: string; status: string }[];
}
