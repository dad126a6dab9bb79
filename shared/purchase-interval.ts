// "Buys about every N days": one computation for the customer profile and the insight explanations, so the two
// never disagree. Counted on purchase days (several orders on one day are one visit), local to the legal entity.

/** Mean days between purchase days; null until there are two purchase days to measure from. */
export function daysBetweenPurchases(firstDay: number, lastDay: number, purchaseDays: number): number | null {
  return purchaseDays > 1 ? Math.round((lastDay - firstDay) / (purchaseDays - 1)) : null;
}
