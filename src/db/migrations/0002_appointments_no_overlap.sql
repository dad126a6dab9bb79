-- Never two booked appointments on one associate's time (appointment plus buffer), even under concurrent requests.
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_no_overlap"
  EXCLUDE USING gist ("associate_id" WITH =, tstzrange("starts_at", "blocked_until") WITH &&) WHERE ("status" = 'booked');
