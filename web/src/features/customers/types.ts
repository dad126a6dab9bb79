// Display helpers of the customer screens; the API's shapes come from the generated types (queries.ts).
export const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' }) : '—');
export const CHANNEL_LABEL: Record<string, string> = { store: 'In store', online: 'Online', 'call-center': 'Call center', remote: 'Remote order' };
export const STATUS_LABEL: Record<string, string> = { completed: 'Completed', processing: 'Processing', 'ready-for-pickup': 'Ready for pickup', shipped: 'Shipped', 'awaiting-receipt': 'Awaiting receipt', cancelled: 'Cancelled' };
