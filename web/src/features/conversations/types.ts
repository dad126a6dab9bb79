export interface ConversationSummary {
  id: string; customerId: string; customerName: string; associateId: string | null; associateName: string | null; storeId: string | null;
  unreadCount: number; lastMessageAt: string; lastDirection: string | null; lastChannel: string | null; lastBody: string | null;
}
export interface ThreadMessage {
  id: string; direction: 'inbound' | 'outbound'; channel: 'email' | 'sms' | 'whatsapp' | 'mail'; outreachMessageId: string | null;
  associateName: string | null; address: string | null; subject: string | null; body: string; status: string; statusAt: string; createdAt: string;
}
export interface Thread {
  conversation: { id: string; associateId: string | null; associateName: string | null; storeId: string | null; unreadCount: number } | null;
  messages: ThreadMessage[];
  whatsappWindowUntil: string | null;
}
export const CHANNEL: Record<string, string> = { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp', mail: 'Letter' };
