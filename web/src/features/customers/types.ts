// The shapes of GET /api/v1/customers/:id/profile, as the API returns them.
export interface OrderLine { lineNumber: number; productId: string; sku: string; name: string; category: string; brand: string | null; quantity: number; unitPriceMinor: number; discountMinor: number; netMinor: number; associateName: string | null }
export interface Order { id: string; externalId: string; channel: string; status: string; fulfilment: string; orderedAt: string; currency: string; totalMinor: number; discountMinor: number; storeName: string | null; associateName: string | null; lines: OrderLine[] }
export interface Return { id: string; externalId: string; orderExternalId: string | null; returnedAt: string; currency: string; refundMinor: number; storeName: string | null; lines: { productId: string; name: string; quantity: number; reason: string; refundMinor: number }[] }
export interface Interaction { id: string; kind: string; subject: string; status: string | null; channel: string | null; campaign: string | null; storeName: string | null; associateName: string | null; occurredAt: string; closedAt: string | null }
export interface Customer { id: string; accountNumber: string; firstName: string; lastName: string; email: string | null; phone: string | null; birthDate: string | null; city: string | null; country: string | null; preferredChannel: string | null; isVip: boolean; erasedAt: string | null; mergedIntoId: string | null; homeStoreName: string | null; homeStoreId: string | null }
export interface Profile {
  customer: Customer;
  currency: string;
  recentPurchases: Order[];
  openOrders: Order[];
  returns: Return[];
  loyalty: { programme: string; tier: string; cardNumber: string; joinedAt: string; pointsBalance: number; recentLedger: { occurredAt: string; points: number; reason: string }[] } | null;
  wishlist: { id: string; list: string; addedAt: string; productId: string; name: string; brand: string | null; category: string; priceMinor: number; onHandHere: number | null; onHandTotal: number }[];
  preferences: { id: string; kind: string; qualifier: string; value: string; source: string; updatedAt: string }[];
  consents: { channel: string; granted: boolean; source: string; recordedAt: string }[];
  recentInteractions: Interaction[];
  openCases: Interaction[];
  marketingTouches: Interaction[];
  recentBrowsing: { productId: string; name: string; brand: string | null; category: string; priceMinor: number; views: number; addedToCart: boolean; lastViewedAt: string; purchasedSince: boolean }[];
  spending: {
    orderCount: number; totalMinor: number; spendThisYearMinor: number; spendLastYearMinor: number; averageOrderValueMinor: number; ordersLast12Months: number;
    purchaseIntervalDays: number | null; lastPurchaseAt: string | null; daysSinceLastPurchase: number | null; returnedMinor: number;
    otherCurrencyOrders: number; otherCurrencies: string[];
    favouriteCategories: { name: string; spendMinor: number }[]; favouriteBrands: { name: string; spendMinor: number }[]; monthly: { month: string; spendMinor: number; orders: number }[];
  };
}

export const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' }) : '—');
export const CHANNEL_LABEL: Record<string, string> = { store: 'In store', online: 'Online', 'call-center': 'Call center', remote: 'Remote order' };
export const STATUS_LABEL: Record<string, string> = { completed: 'Completed', processing: 'Processing', 'ready-for-pickup': 'Ready for pickup', shipped: 'Shipped', 'awaiting-receipt': 'Awaiting receipt', cancelled: 'Cancelled' };
