-- PostgreSQL only (hand-written): the request limits' counters, shared by every app process
-- (app/utils/rate-limits.server.ts). One row per key and fixed window; old windows are swept.
CREATE TABLE "RateLimitHit" (
    "key" TEXT NOT NULL,
    "windowStart" BIGINT NOT NULL,
    "hits" BIGINT NOT NULL,
    CONSTRAINT "RateLimitHit_pkey" PRIMARY KEY ("key", "windowStart")
);
CREATE INDEX "RateLimitHit_windowStart_idx" ON "RateLimitHit" ("windowStart");
