// The reply to adding many customers to one's client book, read by the web as the server writes it.

export type BulkAddOutcome = 'added' | 'already-in-your-book' | 'in-another-book' | 'merged' | 'not-found';
export interface BulkAddResult {
  clientBookId: string; bookNumber: string; added: number;
  results: { customerId: string; outcome: BulkAddOutcome; owner?: string }[];
}
