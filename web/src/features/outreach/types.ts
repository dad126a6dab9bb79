export type Channel = 'email' | 'sms' | 'whatsapp' | 'mail';
export const CHANNEL_LABEL: Record<Channel, string> = { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp', mail: 'Letter' };

export interface Template {
  id: string; name: string; purpose: string; channel: Channel; language: string;
  subject: string | null; body: string; whatsappTemplateName: string | null; active: boolean; updatedAt: string;
}
export interface ReachOut {
  customerId: string; language: string; preferredChannel: string | null; defaultChannel: Channel | null;
  channels: { channel: Channel; address: string | null; consent: string; usable: boolean }[];
  budget: { used: number; cap: number };
}
export interface Preview { channel: Channel; to: string | null; subject: string | null; body: string; warnings: string[]; canSend: boolean; scheduledFor: string | null }
export interface Message {
  id: string; channel: Channel; purpose: string; to: string; subject: string | null; body: string; status: string;
  suppressedReason: string | null; associateName: string | null; createdAt: string; sentAt: string | null;
}
export interface Task {
  id: string; promptType: string; title: string; detail: string | null; dueOn: string; status: string; customerId: string; customerName: string;
  isVip: boolean; preferredChannel: string | null; associateId: string | null; associateName: string | null; productId: string | null; data: Record<string, unknown>;
}
export const PROMPT_LABEL: Record<string, string> = {
  'save-the-sale': 'Save the sale', birthday: 'Birthday', anniversary: 'Anniversary', 'new-arrivals': 'New arrivals',
  'thank-you': 'Thank you', 'care-instructions': 'Care instructions', 'satisfaction-check': 'Satisfaction check',
};
export const PROMPT_TYPES = Object.keys(PROMPT_LABEL);
export const STATUS_LABEL: Record<string, string> = { queued: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Failed', suppressed: 'Not sent' };
