// Labels of the outreach screens; the API's shapes come from the generated types (queries.ts).
import type { Channel } from './queries.ts';

export type { Channel };
export const CHANNEL_LABEL: Record<Channel, string> = { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp', mail: 'Letter' };
export const PROMPT_LABEL: Record<string, string> = {
  'save-the-sale': 'Save the sale', birthday: 'Birthday', anniversary: 'Anniversary', 'new-arrivals': 'New arrivals',
  'thank-you': 'Thank you', 'care-instructions': 'Care instructions', 'satisfaction-check': 'Satisfaction check',
};
export const PROMPT_TYPES = Object.keys(PROMPT_LABEL);
export const STATUS_LABEL: Record<string, string> = { queued: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Failed', suppressed: 'Not sent' };
