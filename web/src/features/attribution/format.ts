// Months and days as an associate reads them (percentages: the reader's formatter; amounts: shared/money.ts).

export function currentMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "Mar 26" / "mars 26" in the reader's locale. */
export function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(y, m - 1, 1).toLocaleDateString(locale, { month: 'short', year: '2-digit' });
}

export const RULE_LABELS: Record<string, string> = {
  till: 'At the till',
  'remote-order': 'Remote order',
  outreach: 'After outreach',
  'sales-group': 'Sales group',
};
