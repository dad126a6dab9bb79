/** The local calendar date (YYYY-MM-DD) in a time zone: a store's "today" is its own, not the server's. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
