import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with templates, messages and tasks; clients see `outreach.<code>` in problem+json. */
export const outreachErrors = defineErrors('outreach', {
  template_not_found: 'not_found',
  template_name_taken: 'conflict',
  /** A {{placeholder}} in a template's subject or body that no customer, store or product fills. */
  unknown_template_field: 'validation',
  email_subject_missing: 'validation',
  whatsapp_template_name_missing: 'validation',
  task_not_found: 'not_found',
  message_not_found: 'not_found',
  letter_batch_not_found: 'not_found',
  // Composing: the ids chosen in the dialog are input, so an unknown one is a 400 on its field.
  unknown_template: 'validation',
  unknown_product: 'validation',
  unknown_task: 'validation',
  template_channel_mismatch: 'validation',
  message_empty: 'validation',
  // Sending: the message is well formed but the customer cannot be reached on this channel now.
  contact_address_missing: 'unprocessable',
  opted_out: 'unprocessable',
  consent_missing: 'unprocessable',
  weekly_limit_reached: 'unprocessable',
  // Providers.
  provider_address_invalid: 'validation',
  provider_not_https: 'validation',
  provider_setting_invalid: 'validation',
  /** A webhook whose provider signature (X-Twilio-Signature, X-Hub-Signature-256, hub.verify_token) does not match. */
  webhook_signature_invalid: 'forbidden',
  webhook_payload_invalid: 'validation',
  /** WhatsApp free-form text outside the 24 hours after the customer's last message: only an approved template may go. */
  whatsapp_window_closed: 'unprocessable',
  conversation_not_found: 'not_found',
  /** An address given to a customer for replies (Reply-To) that this server did not sign. */
  reply_address_invalid: 'validation',
});
