import { PROMPT_TYPES } from './schema.ts';

/**
 * Purposes of outreach messages the web names in the reader's language (messagePurpose.<purpose>): the prompts'
 * types, a personal message, a shared look and the appointment emails (`appointment-<kind>` in
 * src/modules/appointments/notifications.ts). A template's purpose head office made up shows as it is written.
 */
export const MESSAGE_PURPOSES = [
  ...PROMPT_TYPES, 'personal', 'look',
  'appointment-confirmation', 'appointment-rescheduled', 'appointment-cancelled', 'appointment-reminder',
] as const;

export const isMessagePurpose = (purpose: string): boolean => (MESSAGE_PURPOSES as readonly string[]).includes(purpose);
