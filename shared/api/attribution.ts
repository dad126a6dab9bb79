// The store performance response (GET /api/v1/attribution/stores/:id/performance) as the server builds it (the web reads it through the types generated from /openapi.json).

export interface MonthFigures {
  month: string; revenueMinor: number; repeatRevenueMinor: number; returnsMinor: number;
  newBookMembers: number | null; outreachSent: number | null; outreachConverted: number | null;
  appointments: number | null; appointmentsConverted: number | null;
}
export interface StorePerformance {
  store: { id: string; name: string; currency: string }; from: string; to: string; outreachWindowDays: number;
  revenueMinor: number; returnsMinor: number; repeatRevenueMinor: number; repeatShare: number | null; orders: number;
  clientBook: { available: boolean; newMembers: number; members: number; previousBuyers: number; retained: number; retention: number | null };
  outreach: { available: boolean; sent: number; converted: number; conversion: number | null };
  appointments: { available: boolean; total: number; completed: number; converted: number; conversion: number | null };
  leaderboard: { associateId: string; name: string; attributedMinor: number; returnsMinor: number; lines: number; share: number | null }[];
  months: MonthFigures[];
}
