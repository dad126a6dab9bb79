import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with bookings and the appointment set-up; clients see `appointments.<code>` in problem+json. */
export const appointmentsErrors = defineErrors('appointments', {
  appointment_not_found: 'not_found',
  /** The public manage link does not match an appointment (tampered or guessed). */
  booking_link_invalid: 'not_found',
  store_not_found: 'not_found',
  associate_not_found: 'not_found',
  customer_not_found: 'not_found',
  appointment_type_not_found: 'not_found',
  time_off_not_found: 'not_found',
  // Booking and moving.
  start_time_invalid: 'validation',
  too_far_ahead: 'validation',
  /** The time is not one the store offers (closed, off the grid, associate busy). */
  slot_not_offered: 'conflict',
  /** Someone else booked the time a moment ago. */
  slot_taken: 'conflict',
  customer_merged: 'conflict',
  appointment_not_booked: 'conflict',
  appointment_started: 'conflict',
  appointment_cancelled: 'conflict',
  appointment_not_started: 'conflict',
  // Who may see or change what.
  other_store: 'forbidden',
  not_your_appointment: 'forbidden',
  store_required: 'validation',
  // Set-up: opening hours, shifts, time off, appointment types.
  time_of_day_invalid: 'validation',
  hours_end_before_start: 'validation',
  weekday_repeated: 'validation',
  shifts_overlap: 'validation',
  /** A local time the clocks skip (daylight saving). */
  local_time_skipped: 'validation',
  time_off_incomplete: 'validation',
  time_off_ends_before_start: 'validation',
  appointment_type_name_taken: 'conflict',
});
