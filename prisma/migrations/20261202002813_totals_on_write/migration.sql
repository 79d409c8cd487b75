-- CreateTable
CREATE TABLE "ContractTotal" (
    "contractId" TEXT NOT NULL PRIMARY KEY,
    "netG" INTEGER NOT NULL DEFAULT 0,
    "amountVnd" INTEGER NOT NULL DEFAULT 0,
    "lots" INTEGER NOT NULL DEFAULT 0,
    "disputedLots" INTEGER NOT NULL DEFAULT 0,
    "pickups" INTEGER NOT NULL DEFAULT 0,
    "witnessedPickups" INTEGER NOT NULL DEFAULT 0,
    "paidVnd" INTEGER NOT NULL DEFAULT 0,
    "headSeq" INTEGER NOT NULL DEFAULT 0,
    "headHash" TEXT,
    CONSTRAINT "ContractTotal_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContractHouseholdTotal" (
    "contractId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "netG" INTEGER NOT NULL DEFAULT 0,
    "amountVnd" INTEGER NOT NULL DEFAULT 0,
    "lots" INTEGER NOT NULL DEFAULT 0,
    "disputedLots" INTEGER NOT NULL DEFAULT 0,
    "povertyStatus" TEXT NOT NULL,
    "headSex" TEXT NOT NULL,
    "ethnicMinority" BOOLEAN NOT NULL,

    PRIMARY KEY ("contractId", "householdId"),
    CONSTRAINT "ContractHouseholdTotal_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ContractHouseholdTotal_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID; -- hand-added: a contract's rows lie together, read in one range without a second lookup

-- CreateTable
CREATE TABLE "InvoiceTotal" (
    "invoiceId" TEXT NOT NULL PRIMARY KEY,
    "contractId" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "amountVnd" INTEGER NOT NULL DEFAULT 0,
    "keptVnd" INTEGER NOT NULL DEFAULT 0,
    "paidByDueVnd" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "InvoiceTotal_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ContractHouseholdTotal_householdId_idx" ON "ContractHouseholdTotal"("householdId");

-- CreateIndex
CREATE INDEX "InvoiceTotal_contractId_idx" ON "InvoiceTotal"("contractId");

-- CreateIndex
CREATE INDEX "Invoice_referencesId_idx" ON "Invoice"("referencesId");


-- ─── The same totals recomputed from the ledger (one definition, used to fill the tables
-- here and by `npm run cli -- verify` to compare them). A lot is effective unless a later lot
-- supersedes it; an invoice's amount is its pickups' effective lots (docs/decisions/0016).
CREATE VIEW "LedgerContractTotal" AS
SELECT c."id" AS "contractId",
  COALESCE(e."netG", 0) AS "netG", COALESCE(e."amountVnd", 0) AS "amountVnd", COALESCE(e."lots", 0) AS "lots",
  COALESCE(d."n", 0) AS "disputedLots", COALESCE(p."n", 0) AS "pickups", COALESCE(p."w", 0) AS "witnessedPickups",
  COALESCE(pay."v", 0) AS "paidVnd", COALESCE(h."seq", 0) AS "headSeq", h."hash" AS "headHash"
FROM "Contract" c
LEFT JOIN (SELECT l."contractId", SUM(l."netG") AS "netG", SUM(l."amountVnd") AS "amountVnd", COUNT(*) AS "lots"
           FROM "Lot" l WHERE NOT EXISTS (SELECT 1 FROM "Lot" s WHERE s."supersedesId" = l."id") GROUP BY l."contractId") e ON e."contractId" = c."id"
LEFT JOIN (SELECT l."contractId", COUNT(DISTINCT d."lotId") AS "n" FROM "LotDispute" d JOIN "Lot" l ON l."id" = d."lotId" GROUP BY l."contractId") d ON d."contractId" = c."id"
LEFT JOIN (SELECT p."contractId", COUNT(*) AS "n", SUM(EXISTS (SELECT 1 FROM "PickupWitness" w WHERE w."pickupId" = p."id")) AS "w"
           FROM "Pickup" p GROUP BY p."contractId") p ON p."contractId" = c."id"
LEFT JOIN (SELECT i."contractId", SUM(y."amountVnd") AS "v" FROM "Payment" y JOIN "Invoice" i ON i."id" = y."invoiceId" GROUP BY i."contractId") pay ON pay."contractId" = c."id"
-- SQLite returns the bare column "hash" from the row holding MAX("chainSeq").
LEFT JOIN (SELECT "contractId", MAX("chainSeq") AS "seq", "hash" FROM (
             SELECT "contractId", "chainSeq", "hash" FROM "Pickup" WHERE "chainSeq" IS NOT NULL
             UNION ALL SELECT "contractId", "chainSeq", "hash" FROM "Lot" WHERE "chainSeq" IS NOT NULL) GROUP BY "contractId") h ON h."contractId" = c."id"
WHERE p."contractId" IS NOT NULL OR e."contractId" IS NOT NULL OR pay."contractId" IS NOT NULL;

CREATE VIEW "LedgerContractHouseholdTotal" AS
SELECT l."contractId", l."householdId",
  COALESCE(SUM(CASE WHEN s."id" IS NULL THEN l."netG" END), 0) AS "netG",
  COALESCE(SUM(CASE WHEN s."id" IS NULL THEN l."amountVnd" END), 0) AS "amountVnd",
  COALESCE(SUM(s."id" IS NULL), 0) AS "lots",
  COALESCE(SUM(EXISTS (SELECT 1 FROM "LotDispute" d WHERE d."lotId" = l."id")), 0) AS "disputedLots",
  h."povertyStatus", h."headSex", h."ethnicMinority"
FROM "Lot" l LEFT JOIN "Lot" s ON s."supersedesId" = l."id" JOIN "Household" h ON h."id" = l."householdId"
GROUP BY l."contractId", l."householdId";

CREATE VIEW "LedgerInvoiceTotal" AS
SELECT i."id" AS "invoiceId", i."contractId",
  date(i."issuedOn", '+' || c."paymentTermsDays" || ' days') AS "dueOn",
  i."status" = 'cancelled' AS "cancelled",
  (SELECT COALESCE(SUM(l."amountVnd"), 0) FROM "InvoicePickup" ip JOIN "Lot" l ON l."pickupId" = ip."pickupId"
    WHERE ip."invoiceId" = i."id" AND NOT EXISTS (SELECT 1 FROM "Lot" s WHERE s."supersedesId" = l."id")) AS "amountVnd",
  (SELECT COALESCE(SUM(d."amountVnd"), 0) FROM "InvoiceDeduction" d WHERE d."invoiceId" = i."id") AS "keptVnd",
  (SELECT COALESCE(SUM(y."amountVnd"), 0) FROM "Payment" y WHERE y."invoiceId" = i."id" AND y."paidOn" <= date(i."issuedOn", '+' || c."paymentTermsDays" || ' days')) AS "paidByDueVnd"
FROM "Invoice" i JOIN "Contract" c ON c."id" = i."contractId"
WHERE i."kind" = 'invoice';

INSERT INTO "ContractTotal" ("contractId", "netG", "amountVnd", "lots", "disputedLots", "pickups", "witnessedPickups", "paidVnd", "headSeq", "headHash")
  SELECT "contractId", "netG", "amountVnd", "lots", "disputedLots", "pickups", "witnessedPickups", "paidVnd", "headSeq", "headHash" FROM "LedgerContractTotal";
INSERT INTO "ContractHouseholdTotal" ("contractId", "householdId", "netG", "amountVnd", "lots", "disputedLots", "povertyStatus", "headSex", "ethnicMinority")
  SELECT "contractId", "householdId", "netG", "amountVnd", "lots", "disputedLots", "povertyStatus", "headSex", "ethnicMinority" FROM "LedgerContractHouseholdTotal";
INSERT INTO "InvoiceTotal" ("invoiceId", "contractId", "dueOn", "cancelled", "amountVnd", "keptVnd", "paidByDueVnd")
  SELECT "invoiceId", "contractId", "dueOn", "cancelled", "amountVnd", "keptVnd", "paidByDueVnd" FROM "LedgerInvoiceTotal";

-- ─── Kept on write: each trigger runs inside the transaction of the row that fires it.
CREATE TRIGGER "Pickup_totals" AFTER INSERT ON "Pickup" BEGIN
  INSERT INTO "ContractTotal" ("contractId", "pickups", "headSeq", "headHash") VALUES (NEW."contractId", 1, COALESCE(NEW."chainSeq", 0), NEW."hash")
  ON CONFLICT ("contractId") DO UPDATE SET "pickups" = "pickups" + 1,
    "headHash" = CASE WHEN excluded."headSeq" > "headSeq" THEN excluded."headHash" ELSE "headHash" END,
    "headSeq" = MAX("headSeq", excluded."headSeq");
END;

CREATE TRIGGER "PickupWitness_totals" AFTER INSERT ON "PickupWitness"
WHEN (SELECT COUNT(*) FROM "PickupWitness" WHERE "pickupId" = NEW."pickupId") = 1 BEGIN
  UPDATE "ContractTotal" SET "witnessedPickups" = "witnessedPickups" + 1 WHERE "contractId" = (SELECT "contractId" FROM "Pickup" WHERE "id" = NEW."pickupId");
END;

CREATE TRIGGER "Lot_totals" AFTER INSERT ON "Lot" BEGIN
  INSERT INTO "ContractTotal" ("contractId", "netG", "amountVnd", "lots", "headSeq", "headHash")
  VALUES (NEW."contractId", NEW."netG", NEW."amountVnd", 1, COALESCE(NEW."chainSeq", 0), NEW."hash")
  ON CONFLICT ("contractId") DO UPDATE SET "netG" = "netG" + excluded."netG", "amountVnd" = "amountVnd" + excluded."amountVnd", "lots" = "lots" + 1,
    "headHash" = CASE WHEN excluded."headSeq" > "headSeq" THEN excluded."headHash" ELSE "headHash" END,
    "headSeq" = MAX("headSeq", excluded."headSeq");
  INSERT INTO "ContractHouseholdTotal" ("contractId", "householdId", "netG", "amountVnd", "lots", "povertyStatus", "headSex", "ethnicMinority")
  SELECT NEW."contractId", NEW."householdId", NEW."netG", NEW."amountVnd", 1, h."povertyStatus", h."headSex", h."ethnicMinority" FROM "Household" h WHERE h."id" = NEW."householdId"
  ON CONFLICT ("contractId", "householdId") DO UPDATE SET "netG" = "netG" + excluded."netG", "amountVnd" = "amountVnd" + excluded."amountVnd", "lots" = "lots" + 1;
  UPDATE "InvoiceTotal" SET "amountVnd" = "amountVnd" + NEW."amountVnd"
  WHERE "invoiceId" IN (SELECT "invoiceId" FROM "InvoicePickup" WHERE "pickupId" = NEW."pickupId");
END;

-- A correcting lot takes its predecessor's place: the predecessor leaves every total it was in.
CREATE TRIGGER "Lot_totals_superseded" AFTER INSERT ON "Lot" WHEN NEW."supersedesId" IS NOT NULL BEGIN
  UPDATE "ContractTotal" SET
    "netG" = "netG" - (SELECT "netG" FROM "Lot" WHERE "id" = NEW."supersedesId"),
    "amountVnd" = "amountVnd" - (SELECT "amountVnd" FROM "Lot" WHERE "id" = NEW."supersedesId"),
    "lots" = "lots" - 1
  WHERE "contractId" = (SELECT "contractId" FROM "Lot" WHERE "id" = NEW."supersedesId");
  UPDATE "ContractHouseholdTotal" SET
    "netG" = "netG" - (SELECT "netG" FROM "Lot" WHERE "id" = NEW."supersedesId"),
    "amountVnd" = "amountVnd" - (SELECT "amountVnd" FROM "Lot" WHERE "id" = NEW."supersedesId"),
    "lots" = "lots" - 1
  WHERE ("contractId", "householdId") = (SELECT "contractId", "householdId" FROM "Lot" WHERE "id" = NEW."supersedesId");
  UPDATE "InvoiceTotal" SET "amountVnd" = "amountVnd" - (SELECT "amountVnd" FROM "Lot" WHERE "id" = NEW."supersedesId")
  WHERE "invoiceId" IN (SELECT "invoiceId" FROM "InvoicePickup" WHERE "pickupId" = (SELECT "pickupId" FROM "Lot" WHERE "id" = NEW."supersedesId"));
END;

-- The household's poverty status, sex of head and ethnicity as they are now, beside its totals,
-- so "households linked" is counted without visiting each household (indicators count the
-- household as it stands, as before).
CREATE TRIGGER "Household_totals" AFTER UPDATE OF "povertyStatus", "headSex", "ethnicMinority" ON "Household" BEGIN
  UPDATE "ContractHouseholdTotal" SET "povertyStatus" = NEW."povertyStatus", "headSex" = NEW."headSex", "ethnicMinority" = NEW."ethnicMinority"
  WHERE "householdId" = NEW."id";
END;

CREATE TRIGGER "LotDispute_totals" AFTER INSERT ON "LotDispute"
WHEN (SELECT COUNT(*) FROM "LotDispute" WHERE "lotId" = NEW."lotId") = 1 BEGIN
  UPDATE "ContractTotal" SET "disputedLots" = "disputedLots" + 1 WHERE "contractId" = (SELECT "contractId" FROM "Lot" WHERE "id" = NEW."lotId");
  UPDATE "ContractHouseholdTotal" SET "disputedLots" = "disputedLots" + 1
  WHERE ("contractId", "householdId") = (SELECT "contractId", "householdId" FROM "Lot" WHERE "id" = NEW."lotId");
END;

CREATE TRIGGER "LotDispute_totals_delete" AFTER DELETE ON "LotDispute"
WHEN NOT EXISTS (SELECT 1 FROM "LotDispute" WHERE "lotId" = OLD."lotId") BEGIN
  UPDATE "ContractTotal" SET "disputedLots" = "disputedLots" - 1 WHERE "contractId" = (SELECT "contractId" FROM "Lot" WHERE "id" = OLD."lotId");
  UPDATE "ContractHouseholdTotal" SET "disputedLots" = "disputedLots" - 1
  WHERE ("contractId", "householdId") = (SELECT "contractId", "householdId" FROM "Lot" WHERE "id" = OLD."lotId");
END;

CREATE TRIGGER "Invoice_totals" AFTER INSERT ON "Invoice" WHEN NEW."kind" = 'invoice' BEGIN
  INSERT INTO "InvoiceTotal" ("invoiceId", "contractId", "dueOn", "cancelled")
  SELECT NEW."id", NEW."contractId", date(NEW."issuedOn", '+' || c."paymentTermsDays" || ' days'), NEW."status" = 'cancelled'
  FROM "Contract" c WHERE c."id" = NEW."contractId";
END;

CREATE TRIGGER "Invoice_totals_status" AFTER UPDATE OF "status" ON "Invoice" BEGIN
  UPDATE "InvoiceTotal" SET "cancelled" = NEW."status" = 'cancelled' WHERE "invoiceId" = NEW."id";
END;

CREATE TRIGGER "InvoicePickup_totals" AFTER INSERT ON "InvoicePickup" BEGIN
  UPDATE "InvoiceTotal" SET "amountVnd" = "amountVnd" + (
    SELECT COALESCE(SUM(l."amountVnd"), 0) FROM "Lot" l
    WHERE l."pickupId" = NEW."pickupId" AND NOT EXISTS (SELECT 1 FROM "Lot" s WHERE s."supersedesId" = l."id"))
  WHERE "invoiceId" = NEW."invoiceId";
END;

CREATE TRIGGER "InvoiceDeduction_totals" AFTER INSERT ON "InvoiceDeduction" BEGIN
  UPDATE "InvoiceTotal" SET "keptVnd" = "keptVnd" + NEW."amountVnd" WHERE "invoiceId" = NEW."invoiceId";
END;

CREATE TRIGGER "Payment_totals" AFTER INSERT ON "Payment" BEGIN
  INSERT INTO "ContractTotal" ("contractId", "paidVnd") SELECT i."contractId", NEW."amountVnd" FROM "Invoice" i WHERE i."id" = NEW."invoiceId"
  ON CONFLICT ("contractId") DO UPDATE SET "paidVnd" = "paidVnd" + excluded."paidVnd";
  UPDATE "InvoiceTotal" SET "paidByDueVnd" = "paidByDueVnd" + NEW."amountVnd" WHERE "invoiceId" = NEW."invoiceId" AND NEW."paidOn" <= "dueOn";
END;

-- The totals are the ledger's, never edited by hand or by the app.
CREATE TRIGGER "ContractTotal_no_delete" BEFORE DELETE ON "ContractTotal" BEGIN SELECT RAISE(ABORT, 'kept on write: ContractTotal rows cannot be deleted'); END;
CREATE TRIGGER "ContractHouseholdTotal_no_delete" BEFORE DELETE ON "ContractHouseholdTotal" BEGIN SELECT RAISE(ABORT, 'kept on write: ContractHouseholdTotal rows cannot be deleted'); END;
CREATE TRIGGER "InvoiceTotal_no_delete" BEFORE DELETE ON "InvoiceTotal" BEGIN SELECT RAISE(ABORT, 'kept on write: InvoiceTotal rows cannot be deleted'); END;
