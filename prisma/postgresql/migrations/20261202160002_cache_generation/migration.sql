-- PostgreSQL only (hand-written, like the triggers): the counter that stands in for SQLite's
-- `PRAGMA data_version`. Every committed write moves it (app/utils/db.server.ts, after the
-- commit); cached figures are keyed on it, in every process and on the replica.
CREATE TABLE "CacheGeneration" (
    "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
    "n" BIGINT NOT NULL
);
INSERT INTO "CacheGeneration" ("id", "n") VALUES (1, 0);
