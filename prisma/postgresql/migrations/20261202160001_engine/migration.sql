-- The database's own rules on PostgreSQL: the same triggers and views as the SQLite migrations
-- (prisma/migrations/*: append-only records, immutable statements, totals kept on write, poverty
-- history), with the same refusal texts, the same arithmetic and the same results row for row
-- (tests/integration/pg/engine.test.ts runs one sequence of writes on both engines and compares).
--
-- Where PostgreSQL differs, and what is done about it:
-- * AFTER ROW triggers run when their statement ends, seeing every row it wrote; SQLite runs
--   them after each row. The totals that count "the first witness of a pickup" and "the first
--   dispute of a lot" are therefore statement triggers over the statement's rows.
-- * No rowid: "the record written later" is the later "createdAt", which a trigger keeps strictly
--   increasing within a household's history (PovertyRecord_written_order).
-- * ORDER BY puts NULLs first in DESC order, SQLite last: written out (NULLS LAST / FIRST).
-- * Day strings ('YYYY-MM-DD') compare byte by byte in SQLite: COLLATE "C" here, whatever the
--   database's collation.
-- * A WHEN clause cannot hold a subquery: such conditions are in the trigger functions.
-- * TRUNCATE skips row triggers: refused on every table whose rows cannot be deleted.
-- Refusals are raised with SQLSTATE 23000 (integrity_constraint_violation): SQLite reports them
-- as a constraint failure too (SQLITE_CONSTRAINT_TRIGGER).

-- ─── Refusals ──────────────────────────────────────────────────────────────────────────────────
CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'integrity_constraint_violation';
END $$;

-- Append-only records (docs/decisions/0005, 0013, 0022, 0028, 0031).
CREATE TRIGGER "Pickup_no_update" BEFORE UPDATE ON "Pickup" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: Pickup rows cannot be updated');
CREATE TRIGGER "Pickup_no_delete" BEFORE DELETE ON "Pickup" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: Pickup rows cannot be deleted');
CREATE TRIGGER "Pickup_no_truncate" BEFORE TRUNCATE ON "Pickup" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('append-only: Pickup rows cannot be deleted');
CREATE TRIGGER "Lot_no_update" BEFORE UPDATE ON "Lot" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: Lot rows cannot be updated');
CREATE TRIGGER "Lot_no_delete" BEFORE DELETE ON "Lot" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: Lot rows cannot be deleted');
CREATE TRIGGER "Lot_no_truncate" BEFORE TRUNCATE ON "Lot" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('append-only: Lot rows cannot be deleted');
CREATE TRIGGER "PickupWitness_no_update" BEFORE UPDATE ON "PickupWitness" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: PickupWitness rows cannot be updated');
CREATE TRIGGER "PickupWitness_no_delete" BEFORE DELETE ON "PickupWitness" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: PickupWitness rows cannot be deleted');
CREATE TRIGGER "PickupWitness_no_truncate" BEFORE TRUNCATE ON "PickupWitness" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('append-only: PickupWitness rows cannot be deleted');
CREATE TRIGGER "ChainCheckpoint_no_update" BEFORE UPDATE ON "ChainCheckpoint" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: ChainCheckpoint rows cannot be updated');
CREATE TRIGGER "ChainCheckpoint_no_delete" BEFORE DELETE ON "ChainCheckpoint" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: ChainCheckpoint rows cannot be deleted');
CREATE TRIGGER "ChainCheckpoint_no_truncate" BEFORE TRUNCATE ON "ChainCheckpoint" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('append-only: ChainCheckpoint rows cannot be deleted');
CREATE TRIGGER "PovertyRecord_no_update" BEFORE UPDATE ON "PovertyRecord" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: PovertyRecord rows cannot be updated');
CREATE TRIGGER "PovertyRecord_no_delete" BEFORE DELETE ON "PovertyRecord" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: PovertyRecord rows cannot be deleted');
CREATE TRIGGER "PovertyRecord_no_truncate" BEFORE TRUNCATE ON "PovertyRecord" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('append-only: PovertyRecord rows cannot be deleted');
CREATE TRIGGER "TraceCode_no_update" BEFORE UPDATE ON "TraceCode" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: TraceCode rows cannot be updated');
CREATE TRIGGER "TraceCode_no_delete" BEFORE DELETE ON "TraceCode" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: TraceCode rows cannot be deleted');
CREATE TRIGGER "TraceCode_no_truncate" BEFORE TRUNCATE ON "TraceCode" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('append-only: TraceCode rows cannot be deleted');
CREATE TRIGGER "PickupCertification_no_update" BEFORE UPDATE ON "PickupCertification" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: PickupCertification rows cannot be updated');
CREATE TRIGGER "PickupCertification_no_delete" BEFORE DELETE ON "PickupCertification" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: PickupCertification rows cannot be deleted');
CREATE TRIGGER "PickupCertification_no_truncate" BEFORE TRUNCATE ON "PickupCertification" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('append-only: PickupCertification rows cannot be deleted');
CREATE TRIGGER "DeliveryAttempt_no_update" BEFORE UPDATE ON "DeliveryAttempt" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: DeliveryAttempt rows cannot be updated');
CREATE TRIGGER "DeliveryAttempt_no_delete" BEFORE DELETE ON "DeliveryAttempt" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: DeliveryAttempt rows cannot be deleted');
CREATE TRIGGER "DeliveryAttempt_no_truncate" BEFORE TRUNCATE ON "DeliveryAttempt" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('append-only: DeliveryAttempt rows cannot be deleted');
CREATE TRIGGER "Payment_no_update" BEFORE UPDATE ON "Payment" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: payments cannot be changed');
CREATE TRIGGER "Payment_no_delete" BEFORE DELETE ON "Payment" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('append-only: payments cannot be deleted');
CREATE TRIGGER "Payment_no_truncate" BEFORE TRUNCATE ON "Payment" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('append-only: payments cannot be deleted');

-- Issued statements and what they consist of (docs/decisions/0021). A statement may only go
-- from issued to cancelled; nothing else on it changes, and a cancelled one not at all.
-- SQLite runs the later-made Invoice_series_immutable first, PostgreSQL runs triggers of one
-- event by name: an update that also changes the series is left to that one, so that it is
-- refused with the same words on both.
CREATE TRIGGER "Invoice_immutable" BEFORE UPDATE ON "Invoice" FOR EACH ROW
WHEN ((NEW."subtotalVnd" IS DISTINCT FROM OLD."subtotalVnd" OR NEW."deductionsVnd" IS DISTINCT FROM OLD."deductionsVnd"
  OR NEW."totalVnd" IS DISTINCT FROM OLD."totalVnd" OR NEW."number" IS DISTINCT FROM OLD."number" OR NEW."year" IS DISTINCT FROM OLD."year"
  OR NEW."issuedOn" IS DISTINCT FROM OLD."issuedOn" OR NEW."dueOn" IS DISTINCT FROM OLD."dueOn" OR NEW."contractId" IS DISTINCT FROM OLD."contractId"
  OR NEW."buyerId" IS DISTINCT FROM OLD."buyerId" OR NEW."lotsHash" IS DISTINCT FROM OLD."lotsHash" OR NEW."kind" IS DISTINCT FROM OLD."kind"
  OR NEW."ref" IS DISTINCT FROM OLD."ref" OR NEW."referencesId" IS DISTINCT FROM OLD."referencesId"
  OR OLD."status" = 'cancelled'
  OR (NEW."status" IS DISTINCT FROM OLD."status" AND NOT (OLD."status" = 'issued' AND NEW."status" = 'cancelled')))
  AND NEW."series" IS NOT DISTINCT FROM OLD."series")
EXECUTE FUNCTION "refuse_change"('immutable: an issued invoice cannot be changed');
-- The prefix a statement was printed with is part of its number: as immutable as the number.
CREATE TRIGGER "Invoice_series_immutable" BEFORE UPDATE OF "series" ON "Invoice" FOR EACH ROW
WHEN (NEW."series" IS DISTINCT FROM OLD."series")
EXECUTE FUNCTION "refuse_change"('immutable: an issued document cannot be changed');
CREATE TRIGGER "Invoice_no_delete" BEFORE DELETE ON "Invoice" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('immutable: invoices cannot be deleted');
CREATE TRIGGER "Invoice_no_truncate" BEFORE TRUNCATE ON "Invoice" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('immutable: invoices cannot be deleted');
CREATE TRIGGER "InvoiceLine_no_update" BEFORE UPDATE ON "InvoiceLine" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('immutable: invoice lines cannot be changed');
CREATE TRIGGER "InvoiceLine_no_delete" BEFORE DELETE ON "InvoiceLine" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('immutable: invoice lines cannot be deleted');
CREATE TRIGGER "InvoiceLine_no_truncate" BEFORE TRUNCATE ON "InvoiceLine" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('immutable: invoice lines cannot be deleted');
CREATE TRIGGER "InvoicePickup_no_update" BEFORE UPDATE ON "InvoicePickup" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('immutable: invoice pickups cannot be changed');
CREATE TRIGGER "InvoicePickup_no_delete" BEFORE DELETE ON "InvoicePickup" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('immutable: invoice pickups cannot be deleted');
CREATE TRIGGER "InvoicePickup_no_truncate" BEFORE TRUNCATE ON "InvoicePickup" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('immutable: invoice pickups cannot be deleted');
CREATE TRIGGER "InvoiceDeduction_no_update" BEFORE UPDATE ON "InvoiceDeduction" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('immutable: deductions cannot be changed');
CREATE TRIGGER "InvoiceDeduction_no_delete" BEFORE DELETE ON "InvoiceDeduction" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('immutable: deductions cannot be deleted');
CREATE TRIGGER "InvoiceDeduction_no_truncate" BEFORE TRUNCATE ON "InvoiceDeduction" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('immutable: deductions cannot be deleted');

-- A membership belongs to exactly one organisation or one farmer group.
CREATE TRIGGER "Membership_one_owner_insert" BEFORE INSERT ON "Membership" FOR EACH ROW
WHEN ((NEW."organisationId" IS NULL) = (NEW."groupId" IS NULL))
EXECUTE FUNCTION "refuse_change"('membership needs exactly one of organisationId, groupId');

-- The totals are the ledger's, never edited by hand or by the app (docs/decisions/0016).
CREATE TRIGGER "ContractTotal_no_delete" BEFORE DELETE ON "ContractTotal" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('kept on write: ContractTotal rows cannot be deleted');
CREATE TRIGGER "ContractTotal_no_truncate" BEFORE TRUNCATE ON "ContractTotal" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('kept on write: ContractTotal rows cannot be deleted');
CREATE TRIGGER "ContractHouseholdTotal_no_delete" BEFORE DELETE ON "ContractHouseholdTotal" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('kept on write: ContractHouseholdTotal rows cannot be deleted');
CREATE TRIGGER "ContractHouseholdTotal_no_truncate" BEFORE TRUNCATE ON "ContractHouseholdTotal" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('kept on write: ContractHouseholdTotal rows cannot be deleted');
CREATE TRIGGER "InvoiceTotal_no_delete" BEFORE DELETE ON "InvoiceTotal" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('kept on write: InvoiceTotal rows cannot be deleted');
CREATE TRIGGER "InvoiceTotal_no_truncate" BEFORE TRUNCATE ON "InvoiceTotal" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('kept on write: InvoiceTotal rows cannot be deleted');

-- ─── Shared definitions (SQLite repeats them inline: it has no stored functions) ────────────────

-- SQLite's date("issuedOn", '+' || "paymentTermsDays" || ' days'), for the day strings SQLite
-- reads: 'YYYY-MM-DD', optionally a time ('T' or space, HH:MM[:SS[.fff]]) and a zone (Z, ±HH:MM,
-- which moves the instant to UTC). An impossible day of the month runs on into the next month
-- (2026-02-30 is 2026-03-02), as in SQLite; anything else, and negative terms ('+-5 days' is no
-- modifier), give NULL.
CREATE FUNCTION "due_on"(issued_on text, terms_days bigint) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  m text[];
  at timestamp;
BEGIN
  IF terms_days IS NULL OR terms_days < 0 THEN RETURN NULL; END IF;
  m := regexp_match(issued_on,
    '^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s*(Z|z|[+-]\d{2}:\d{2})?)?\s*$');
  IF m IS NULL OR m[2]::int NOT BETWEEN 1 AND 12 OR m[3]::int NOT BETWEEN 1 AND 31 THEN RETURN NULL; END IF;
  at := make_timestamp(m[1]::int, m[2]::int, 1, COALESCE(m[4], '0')::int, COALESCE(m[5], '0')::int, COALESCE(m[6], '0')::float8)
    + make_interval(days => (m[3]::int - 1 + terms_days)::int);
  IF m[7] IS NOT NULL AND upper(m[7]) <> 'Z' THEN
    at := at - (left(m[7], 1) || '1')::int * make_interval(hours => substr(m[7], 2, 2)::int, mins => substr(m[7], 5, 2)::int);
  END IF;
  RETURN to_char(at, 'YYYY-MM-DD');
END $$;

-- A household's poverty history in the order it was written (docs/decisions/0022): SQLite has the
-- rowid; here "createdAt" never repeats or goes back within a household. Writers of one
-- household's history wait for each other, so the later one always sees the earlier.
CREATE FUNCTION "PovertyRecord_written_order"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  latest_written timestamp(3);
BEGIN
  PERFORM 1 FROM "Household" WHERE "id" = NEW."householdId" FOR NO KEY UPDATE;
  SELECT max(r."createdAt") INTO latest_written FROM "PovertyRecord" r WHERE r."householdId" = NEW."householdId";
  IF latest_written IS NOT NULL AND NEW."createdAt" <= latest_written THEN
    NEW."createdAt" := latest_written + interval '1 millisecond';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "PovertyRecord_written_order" BEFORE INSERT ON "PovertyRecord" FOR EACH ROW EXECUTE FUNCTION "PovertyRecord_written_order"();

-- The household's status as it stands: its latest record (by certification day, then written later).
CREATE FUNCTION "poverty_status_latest"(household text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = household
  ORDER BY r."certifiedOn" COLLATE "C" DESC NULLS LAST, r."createdAt" DESC, r."id" DESC LIMIT 1
$$;

-- The status valid on a day (a season's start): the latest record certified on or before it, an
-- undated record counting as older than any day; failing that the earliest record; failing that
-- the household's own column. A NULL day matches only undated records, as in SQLite.
CREATE FUNCTION "poverty_status_on"(household text, day text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE(
    (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = household
       AND (r."certifiedOn" IS NULL OR r."certifiedOn" COLLATE "C" <= day)
     ORDER BY r."certifiedOn" COLLATE "C" DESC NULLS LAST, r."createdAt" DESC, r."id" DESC LIMIT 1),
    (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = household
     ORDER BY r."certifiedOn" COLLATE "C" ASC NULLS FIRST, r."createdAt" ASC, r."id" ASC LIMIT 1),
    (SELECT x."povertyStatus" FROM "Household" x WHERE x."id" = household))
$$;

CREATE FUNCTION "season_start"(contract text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT s."start" FROM "Contract" k JOIN "Season" s ON s."id" = k."seasonId" WHERE k."id" = contract
$$;

-- ─── The same totals recomputed from the ledger (docs/decisions/0016); columns typed as the
-- tables' so that verify-totals compares like with like.
CREATE VIEW "LedgerContractTotal" AS
SELECT c."id" AS "contractId",
  COALESCE(e."netG", 0)::bigint AS "netG", COALESCE(e."amountVnd", 0)::bigint AS "amountVnd", COALESCE(e."lots", 0)::bigint AS "lots",
  COALESCE(d."n", 0)::bigint AS "disputedLots", COALESCE(p."n", 0)::bigint AS "pickups", COALESCE(p."w", 0)::bigint AS "witnessedPickups",
  COALESCE(pay."v", 0)::bigint AS "paidVnd", COALESCE(h."seq", 0)::bigint AS "headSeq", h."hash" AS "headHash"
FROM "Contract" c
LEFT JOIN (SELECT l."contractId", SUM(l."netG") AS "netG", SUM(l."amountVnd") AS "amountVnd", COUNT(*) AS "lots"
           FROM "Lot" l WHERE NOT EXISTS (SELECT 1 FROM "Lot" s WHERE s."supersedesId" = l."id") GROUP BY l."contractId") e ON e."contractId" = c."id"
LEFT JOIN (SELECT l."contractId", COUNT(DISTINCT d."lotId") AS "n" FROM "LotDispute" d JOIN "Lot" l ON l."id" = d."lotId" GROUP BY l."contractId") d ON d."contractId" = c."id"
LEFT JOIN (SELECT p."contractId", COUNT(*) AS "n", SUM((EXISTS (SELECT 1 FROM "PickupWitness" w WHERE w."pickupId" = p."id"))::integer) AS "w"
           FROM "Pickup" p GROUP BY p."contractId") p ON p."contractId" = c."id"
LEFT JOIN (SELECT i."contractId", SUM(y."amountVnd") AS "v" FROM "Payment" y JOIN "Invoice" i ON i."id" = y."invoiceId" GROUP BY i."contractId") pay ON pay."contractId" = c."id"
-- The hash of the entry holding the highest "chainSeq" (SQLite's bare column beside MAX()).
LEFT JOIN (SELECT DISTINCT ON (x."contractId") x."contractId", x."chainSeq" AS "seq", x."hash" FROM (
             SELECT "contractId", "chainSeq", "hash" FROM "Pickup" WHERE "chainSeq" IS NOT NULL
             UNION ALL SELECT "contractId", "chainSeq", "hash" FROM "Lot" WHERE "chainSeq" IS NOT NULL) x
           ORDER BY x."contractId", x."chainSeq" DESC) h ON h."contractId" = c."id"
WHERE p."contractId" IS NOT NULL OR e."contractId" IS NOT NULL OR pay."contractId" IS NOT NULL;

CREATE VIEW "LedgerContractHouseholdTotal" AS
SELECT l."contractId", l."householdId",
  COALESCE(SUM(CASE WHEN s."id" IS NULL THEN l."netG" END), 0)::bigint AS "netG",
  COALESCE(SUM(CASE WHEN s."id" IS NULL THEN l."amountVnd" END), 0)::bigint AS "amountVnd",
  COALESCE(SUM((s."id" IS NULL)::integer), 0)::bigint AS "lots",
  COALESCE(SUM((EXISTS (SELECT 1 FROM "LotDispute" d WHERE d."lotId" = l."id"))::integer), 0)::bigint AS "disputedLots",
  "poverty_status_on"(l."householdId", "season_start"(l."contractId")) AS "povertyStatus",
  h."headSex", h."ethnicMinority"
FROM "Lot" l LEFT JOIN "Lot" s ON s."supersedesId" = l."id" JOIN "Household" h ON h."id" = l."householdId"
GROUP BY l."contractId", l."householdId", h."id";

CREATE VIEW "LedgerInvoiceTotal" AS
SELECT i."id" AS "invoiceId", i."contractId",
  "due_on"(i."issuedOn", c."paymentTermsDays") AS "dueOn",
  i."status" = 'cancelled' AS "cancelled",
  (SELECT COALESCE(SUM(l."amountVnd"), 0) FROM "InvoicePickup" ip JOIN "Lot" l ON l."pickupId" = ip."pickupId"
    WHERE ip."invoiceId" = i."id" AND NOT EXISTS (SELECT 1 FROM "Lot" s WHERE s."supersedesId" = l."id"))::bigint AS "amountVnd",
  (SELECT COALESCE(SUM(d."amountVnd"), 0) FROM "InvoiceDeduction" d WHERE d."invoiceId" = i."id")::bigint AS "keptVnd",
  (SELECT COALESCE(SUM(y."amountVnd"), 0) FROM "Payment" y
    WHERE y."invoiceId" = i."id" AND y."paidOn" COLLATE "C" <= "due_on"(i."issuedOn", c."paymentTermsDays"))::bigint AS "paidByDueVnd"
FROM "Invoice" i JOIN "Contract" c ON c."id" = i."contractId"
WHERE i."kind" = 'invoice';

-- ─── Kept on write: each trigger runs inside the transaction of the row that fires it ─────────

CREATE FUNCTION "Pickup_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ContractTotal" AS t ("contractId", "pickups", "headSeq", "headHash")
  VALUES (NEW."contractId", 1, COALESCE(NEW."chainSeq", 0), NEW."hash")
  ON CONFLICT ("contractId") DO UPDATE SET "pickups" = t."pickups" + 1,
    "headHash" = CASE WHEN excluded."headSeq" > t."headSeq" THEN excluded."headHash" ELSE t."headHash" END,
    "headSeq" = GREATEST(t."headSeq", excluded."headSeq");
  RETURN NULL;
END $$;
CREATE TRIGGER "Pickup_totals" AFTER INSERT ON "Pickup" FOR EACH ROW EXECUTE FUNCTION "Pickup_totals"();

-- A pickup counts as witnessed with its first witness: the pickups of this statement's rows
-- that had none before it.
CREATE FUNCTION "PickupWitness_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ContractTotal" t SET "witnessedPickups" = t."witnessedPickups" + f."n"
  FROM (SELECT p."contractId", COUNT(*) AS "n" FROM "Pickup" p
        WHERE p."id" IN (SELECT n."pickupId" FROM new_witnesses n)
          AND NOT EXISTS (SELECT 1 FROM "PickupWitness" w WHERE w."pickupId" = p."id"
                            AND NOT EXISTS (SELECT 1 FROM new_witnesses n WHERE n."pickupId" = w."pickupId" AND n."householdId" = w."householdId"))
        GROUP BY p."contractId") f
  WHERE t."contractId" = f."contractId";
  RETURN NULL;
END $$;
CREATE TRIGGER "PickupWitness_totals" AFTER INSERT ON "PickupWitness" REFERENCING NEW TABLE AS new_witnesses
FOR EACH STATEMENT EXECUTE FUNCTION "PickupWitness_totals"();

CREATE FUNCTION "Lot_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ContractTotal" AS t ("contractId", "netG", "amountVnd", "lots", "headSeq", "headHash")
  VALUES (NEW."contractId", NEW."netG", NEW."amountVnd", 1, COALESCE(NEW."chainSeq", 0), NEW."hash")
  ON CONFLICT ("contractId") DO UPDATE SET "netG" = t."netG" + excluded."netG", "amountVnd" = t."amountVnd" + excluded."amountVnd", "lots" = t."lots" + 1,
    "headHash" = CASE WHEN excluded."headSeq" > t."headSeq" THEN excluded."headHash" ELSE t."headHash" END,
    "headSeq" = GREATEST(t."headSeq", excluded."headSeq");
  INSERT INTO "ContractHouseholdTotal" AS t ("contractId", "householdId", "netG", "amountVnd", "lots", "povertyStatus", "headSex", "ethnicMinority")
  SELECT NEW."contractId", NEW."householdId", NEW."netG", NEW."amountVnd", 1, h."povertyStatus", h."headSex", h."ethnicMinority" FROM "Household" h WHERE h."id" = NEW."householdId"
  ON CONFLICT ("contractId", "householdId") DO UPDATE SET "netG" = t."netG" + excluded."netG", "amountVnd" = t."amountVnd" + excluded."amountVnd", "lots" = t."lots" + 1;
  UPDATE "InvoiceTotal" SET "amountVnd" = "amountVnd" + NEW."amountVnd"
  WHERE "invoiceId" IN (SELECT ip."invoiceId" FROM "InvoicePickup" ip WHERE ip."pickupId" = NEW."pickupId");
  RETURN NULL;
END $$;
CREATE TRIGGER "Lot_totals" AFTER INSERT ON "Lot" FOR EACH ROW EXECUTE FUNCTION "Lot_totals"();

-- A correcting lot takes its predecessor's place: the predecessor leaves every total it was in.
CREATE FUNCTION "Lot_totals_superseded"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prior "Lot"%ROWTYPE;
BEGIN
  SELECT * INTO prior FROM "Lot" WHERE "id" = NEW."supersedesId";
  UPDATE "ContractTotal" SET "netG" = "netG" - prior."netG", "amountVnd" = "amountVnd" - prior."amountVnd", "lots" = "lots" - 1
  WHERE "contractId" = prior."contractId";
  UPDATE "ContractHouseholdTotal" SET "netG" = "netG" - prior."netG", "amountVnd" = "amountVnd" - prior."amountVnd", "lots" = "lots" - 1
  WHERE "contractId" = prior."contractId" AND "householdId" = prior."householdId";
  UPDATE "InvoiceTotal" SET "amountVnd" = "amountVnd" - prior."amountVnd"
  WHERE "invoiceId" IN (SELECT ip."invoiceId" FROM "InvoicePickup" ip WHERE ip."pickupId" = prior."pickupId");
  RETURN NULL;
END $$;
CREATE TRIGGER "Lot_totals_superseded" AFTER INSERT ON "Lot" FOR EACH ROW WHEN (NEW."supersedesId" IS NOT NULL)
EXECUTE FUNCTION "Lot_totals_superseded"();


-- A lot counts as disputed from its first dispute until its last one is deleted: the lots of
-- this statement's rows that had no other dispute before it, or have none left after it.
CREATE FUNCTION "LotDispute_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ContractTotal" t SET "disputedLots" = t."disputedLots" + f."n"
  FROM (SELECT l."contractId", COUNT(*) AS "n" FROM "Lot" l
        WHERE l."id" IN (SELECT n."lotId" FROM new_disputes n)
          AND NOT EXISTS (SELECT 1 FROM "LotDispute" d WHERE d."lotId" = l."id" AND d."id" NOT IN (SELECT n."id" FROM new_disputes n))
        GROUP BY l."contractId") f
  WHERE t."contractId" = f."contractId";
  UPDATE "ContractHouseholdTotal" t SET "disputedLots" = t."disputedLots" + f."n"
  FROM (SELECT l."contractId", l."householdId", COUNT(*) AS "n" FROM "Lot" l
        WHERE l."id" IN (SELECT n."lotId" FROM new_disputes n)
          AND NOT EXISTS (SELECT 1 FROM "LotDispute" d WHERE d."lotId" = l."id" AND d."id" NOT IN (SELECT n."id" FROM new_disputes n))
        GROUP BY l."contractId", l."householdId") f
  WHERE t."contractId" = f."contractId" AND t."householdId" = f."householdId";
  RETURN NULL;
END $$;
CREATE TRIGGER "LotDispute_totals" AFTER INSERT ON "LotDispute" REFERENCING NEW TABLE AS new_disputes
FOR EACH STATEMENT EXECUTE FUNCTION "LotDispute_totals"();

CREATE FUNCTION "LotDispute_totals_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ContractTotal" t SET "disputedLots" = t."disputedLots" - f."n"
  FROM (SELECT l."contractId", COUNT(*) AS "n" FROM "Lot" l
        WHERE l."id" IN (SELECT o."lotId" FROM old_disputes o)
          AND NOT EXISTS (SELECT 1 FROM "LotDispute" d WHERE d."lotId" = l."id")
        GROUP BY l."contractId") f
  WHERE t."contractId" = f."contractId";
  UPDATE "ContractHouseholdTotal" t SET "disputedLots" = t."disputedLots" - f."n"
  FROM (SELECT l."contractId", l."householdId", COUNT(*) AS "n" FROM "Lot" l
        WHERE l."id" IN (SELECT o."lotId" FROM old_disputes o)
          AND NOT EXISTS (SELECT 1 FROM "LotDispute" d WHERE d."lotId" = l."id")
        GROUP BY l."contractId", l."householdId") f
  WHERE t."contractId" = f."contractId" AND t."householdId" = f."householdId";
  RETURN NULL;
END $$;
CREATE TRIGGER "LotDispute_totals_delete" AFTER DELETE ON "LotDispute" REFERENCING OLD TABLE AS old_disputes
FOR EACH STATEMENT EXECUTE FUNCTION "LotDispute_totals_delete"();

CREATE FUNCTION "Invoice_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "InvoiceTotal" ("invoiceId", "contractId", "dueOn", "cancelled")
  SELECT NEW."id", NEW."contractId", "due_on"(NEW."issuedOn", c."paymentTermsDays"), NEW."status" = 'cancelled'
  FROM "Contract" c WHERE c."id" = NEW."contractId";
  RETURN NULL;
END $$;
CREATE TRIGGER "Invoice_totals" AFTER INSERT ON "Invoice" FOR EACH ROW WHEN (NEW."kind" = 'invoice')
EXECUTE FUNCTION "Invoice_totals"();

CREATE FUNCTION "Invoice_totals_status"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "InvoiceTotal" SET "cancelled" = NEW."status" = 'cancelled' WHERE "invoiceId" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "Invoice_totals_status" AFTER UPDATE OF "status" ON "Invoice" FOR EACH ROW EXECUTE FUNCTION "Invoice_totals_status"();

CREATE FUNCTION "InvoicePickup_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "InvoiceTotal" SET "amountVnd" = "amountVnd" + (
    SELECT COALESCE(SUM(l."amountVnd"), 0) FROM "Lot" l
    WHERE l."pickupId" = NEW."pickupId" AND NOT EXISTS (SELECT 1 FROM "Lot" s WHERE s."supersedesId" = l."id"))
  WHERE "invoiceId" = NEW."invoiceId";
  RETURN NULL;
END $$;
CREATE TRIGGER "InvoicePickup_totals" AFTER INSERT ON "InvoicePickup" FOR EACH ROW EXECUTE FUNCTION "InvoicePickup_totals"();

CREATE FUNCTION "InvoiceDeduction_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "InvoiceTotal" SET "keptVnd" = "keptVnd" + NEW."amountVnd" WHERE "invoiceId" = NEW."invoiceId";
  RETURN NULL;
END $$;
CREATE TRIGGER "InvoiceDeduction_totals" AFTER INSERT ON "InvoiceDeduction" FOR EACH ROW EXECUTE FUNCTION "InvoiceDeduction_totals"();

CREATE FUNCTION "Payment_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ContractTotal" AS t ("contractId", "paidVnd")
  SELECT i."contractId", NEW."amountVnd" FROM "Invoice" i WHERE i."id" = NEW."invoiceId"
  ON CONFLICT ("contractId") DO UPDATE SET "paidVnd" = t."paidVnd" + excluded."paidVnd";
  UPDATE "InvoiceTotal" SET "paidByDueVnd" = "paidByDueVnd" + NEW."amountVnd"
  WHERE "invoiceId" = NEW."invoiceId" AND NEW."paidOn" COLLATE "C" <= "dueOn";
  RETURN NULL;
END $$;
CREATE TRIGGER "Payment_totals" AFTER INSERT ON "Payment" FOR EACH ROW EXECUTE FUNCTION "Payment_totals"();

-- Sex of head and ethnicity beside the totals as they stand (the poverty status is the season's,
-- kept by the records below).
CREATE FUNCTION "Household_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ContractHouseholdTotal" SET "headSex" = NEW."headSex", "ethnicMinority" = NEW."ethnicMinority"
  WHERE "householdId" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "Household_totals" AFTER UPDATE OF "headSex", "ethnicMinority" ON "Household" FOR EACH ROW EXECUTE FUNCTION "Household_totals"();

-- ─── Poverty status history (docs/decisions/0022) ───────────────────────────────────────────────

-- A new household: its status as registered starts its history, undated.
CREATE FUNCTION "Household_poverty_registered"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PovertyRecord" ("id", "householdId", "status", "certifiedOn", "source", "createdAt")
  VALUES ('pr-' || left(replace(gen_random_uuid()::text, '-', ''), 24), NEW."id", NEW."povertyStatus", NULL, 'registration',
          statement_timestamp() AT TIME ZONE 'UTC');
  RETURN NULL;
END $$;
CREATE TRIGGER "Household_poverty_registered" AFTER INSERT ON "Household" FOR EACH ROW EXECUTE FUNCTION "Household_poverty_registered"();

-- A status written straight onto the household (an import, an older code path) is recorded as
-- certified that day (UTC, as SQLite's date('now')), so the history never misses a change.
CREATE FUNCTION "Household_poverty_history"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."povertyStatus" IS DISTINCT FROM "poverty_status_latest"(NEW."id") THEN
    INSERT INTO "PovertyRecord" ("id", "householdId", "status", "certifiedOn", "source", "createdAt")
    VALUES ('pr-' || left(replace(gen_random_uuid()::text, '-', ''), 24), NEW."id", NEW."povertyStatus",
            to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'edit', statement_timestamp() AT TIME ZONE 'UTC');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Household_poverty_history" AFTER UPDATE OF "povertyStatus" ON "Household" FOR EACH ROW EXECUTE FUNCTION "Household_poverty_history"();

-- A new record: the household's current status becomes its latest record's, and every contract
-- total of the household counts the status valid on its season's start.
CREATE FUNCTION "PovertyRecord_current"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Household" SET "povertyStatus" = "poverty_status_latest"(NEW."householdId")
  WHERE "id" = NEW."householdId" AND "povertyStatus" IS DISTINCT FROM "poverty_status_latest"(NEW."householdId");
  UPDATE "ContractHouseholdTotal" t SET "povertyStatus" = "poverty_status_on"(NEW."householdId", "season_start"(t."contractId"))
  WHERE t."householdId" = NEW."householdId";
  RETURN NULL;
END $$;
CREATE TRIGGER "PovertyRecord_current" AFTER INSERT ON "PovertyRecord" FOR EACH ROW EXECUTE FUNCTION "PovertyRecord_current"();

-- A household's first lot under a contract: its status on the season's start.
CREATE FUNCTION "ContractHouseholdTotal_poverty"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ContractHouseholdTotal" SET "povertyStatus" = "poverty_status_on"(NEW."householdId", "season_start"(NEW."contractId"))
  WHERE "contractId" = NEW."contractId" AND "householdId" = NEW."householdId";
  RETURN NULL;
END $$;
CREATE TRIGGER "ContractHouseholdTotal_poverty" AFTER INSERT ON "ContractHouseholdTotal" FOR EACH ROW EXECUTE FUNCTION "ContractHouseholdTotal_poverty"();
