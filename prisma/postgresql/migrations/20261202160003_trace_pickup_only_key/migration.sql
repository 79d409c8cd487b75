-- Hand-written, as on SQLite (20261202120054_trace_and_reach), which the baseline (made from the
-- model) could not carry: one public code per pickup, its lots having their own.
CREATE UNIQUE INDEX "TraceCode_pickup_only_key" ON "TraceCode"("pickupId") WHERE "lotId" IS NULL;
