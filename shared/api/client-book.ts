// The reply to adding many customers to one's client book as the server builds it (the web reads it through the types generated from /openapi.json).

export type BulkAddOutcome = 'added' | 'already-in-your-book' | 'in-another-book' | 'merged' | 'not-found';
export interface BulkAddResult {
  clientBookId: string; bookNumber: string; added: number;
  results: { customerId: string; outcome: BulkAddOutcome; owner?: string }[];
}
