-- AlterTable
ALTER TABLE "Household" ADD COLUMN "membersFemale" INTEGER;

-- CreateTable
CREATE TABLE "PovertyRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "householdId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "certifiedOn" TEXT,
    "source" TEXT NOT NULL,
    "surveyId" TEXT,
    "note" TEXT,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PovertyRecord_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectOwnerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "heldOn" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SurveyRound_projectOwnerId_fkey" FOREIGN KEY ("projectOwnerId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HouseholdSurvey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "surveyedOn" TEXT NOT NULL,
    "incomeCropsVnd" INTEGER NOT NULL DEFAULT 0,
    "incomeLivestockVnd" INTEGER NOT NULL DEFAULT 0,
    "incomeWagesVnd" INTEGER NOT NULL DEFAULT 0,
    "incomeBusinessVnd" INTEGER NOT NULL DEFAULT 0,
    "incomeOtherVnd" INTEGER NOT NULL DEFAULT 0,
    "povertyStatus" TEXT NOT NULL,
    "povertyCertifiedOn" TEXT NOT NULL,
    "membersMale" INTEGER NOT NULL,
    "membersFemale" INTEGER NOT NULL,
    "membersUnder16" INTEGER NOT NULL,
    "members16to60" INTEGER NOT NULL,
    "membersOver60" INTEGER NOT NULL,
    "participantsFemale" INTEGER NOT NULL DEFAULT 0,
    "participantsMale" INTEGER NOT NULL DEFAULT 0,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "HouseholdSurvey_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SurveyRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "HouseholdSurvey_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DiaryEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "householdId" TEXT NOT NULL,
    "on" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT,
    "productId" TEXT,
    "quantityKg" REAL,
    "days" REAL,
    "amountVnd" INTEGER,
    "priceVnd" INTEGER,
    "buyer" TEXT,
    "note" TEXT,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DiaryEntry_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectContribution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectOwnerId" TEXT NOT NULL,
    "groupId" TEXT,
    "householdId" TEXT,
    "party" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "valueVnd" INTEGER NOT NULL,
    "on" TEXT NOT NULL,
    "description" TEXT,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProjectContribution_projectOwnerId_fkey" FOREIGN KEY ("projectOwnerId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProjectContribution_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProjectContribution_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportText" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectOwnerId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReportText_projectOwnerId_fkey" FOREIGN KEY ("projectOwnerId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PovertyRecord_householdId_certifiedOn_idx" ON "PovertyRecord"("householdId", "certifiedOn");

-- CreateIndex
CREATE INDEX "SurveyRound_projectOwnerId_heldOn_idx" ON "SurveyRound"("projectOwnerId", "heldOn");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyRound_projectOwnerId_name_key" ON "SurveyRound"("projectOwnerId", "name");

-- CreateIndex
CREATE INDEX "HouseholdSurvey_householdId_idx" ON "HouseholdSurvey"("householdId");

-- CreateIndex
CREATE UNIQUE INDEX "HouseholdSurvey_roundId_householdId_key" ON "HouseholdSurvey"("roundId", "householdId");

-- CreateIndex
CREATE INDEX "DiaryEntry_householdId_on_idx" ON "DiaryEntry"("householdId", "on");

-- CreateIndex
CREATE INDEX "ProjectContribution_projectOwnerId_on_idx" ON "ProjectContribution"("projectOwnerId", "on");

-- CreateIndex
CREATE INDEX "ProjectContribution_groupId_idx" ON "ProjectContribution"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportText_projectOwnerId_period_section_key" ON "ReportText"("projectOwnerId", "period", "section");


-- ---- Poverty status history (docs/decisions/0022-poverty-history-and-evaluation.md) ----
-- The status a season counts for a household is the one valid on the season's start: its latest
-- record certified on or before that day. A record with no date is the status the household was
-- registered with, valid from before any season until its first dated record. Failing both, its
-- earliest record, else the household's own column. The same expression is in the view below, the
-- trigger on new totals rows and the trigger on new records; SQLite has no stored functions.

-- Every existing household starts its history with the status it holds, its date not known.
INSERT INTO "PovertyRecord" ("id", "householdId", "status", "certifiedOn", "source", "createdAt")
  SELECT 'pr-' || "id", "id", "povertyStatus", NULL, 'registration', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
  FROM "Household";

CREATE TRIGGER "PovertyRecord_no_update" BEFORE UPDATE ON "PovertyRecord" BEGIN SELECT RAISE(ABORT, 'append-only: PovertyRecord rows cannot be updated'); END;
CREATE TRIGGER "PovertyRecord_no_delete" BEFORE DELETE ON "PovertyRecord" BEGIN SELECT RAISE(ABORT, 'append-only: PovertyRecord rows cannot be deleted'); END;

-- A new record: the household's current status becomes its latest record's, and every contract
-- total of the household counts the status valid on its season's start.
CREATE TRIGGER "PovertyRecord_current" AFTER INSERT ON "PovertyRecord" BEGIN
  UPDATE "Household" SET "povertyStatus" = (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = NEW."householdId" ORDER BY r."certifiedOn" DESC, r.rowid DESC LIMIT 1)
  WHERE "id" = NEW."householdId" AND "povertyStatus" IS NOT (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = NEW."householdId" ORDER BY r."certifiedOn" DESC, r.rowid DESC LIMIT 1);
  UPDATE "ContractHouseholdTotal" SET "povertyStatus" = COALESCE(
    (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = NEW."householdId"
       AND (r."certifiedOn" IS NULL OR r."certifiedOn" <= (SELECT s."start" FROM "Contract" k JOIN "Season" s ON s."id" = k."seasonId" WHERE k."id" = "ContractHouseholdTotal"."contractId"))
     ORDER BY r."certifiedOn" DESC, r.rowid DESC LIMIT 1),
    (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = NEW."householdId" ORDER BY r."certifiedOn" ASC, r.rowid ASC LIMIT 1),
    (SELECT x."povertyStatus" FROM "Household" x WHERE x."id" = NEW."householdId"))
  WHERE "householdId" = NEW."householdId";
END;

-- A new household: its status as registered starts its history (the form then adds the dated
-- certification it was given).
CREATE TRIGGER "Household_poverty_registered" AFTER INSERT ON "Household" BEGIN
  INSERT INTO "PovertyRecord" ("id", "householdId", "status", "certifiedOn", "source", "createdAt")
  VALUES ('pr-' || lower(hex(randomblob(12))), NEW."id", NEW."povertyStatus", NULL, 'registration', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
END;

-- A status written straight onto the household (an import, an older code path) is recorded as
-- certified that day, so the history never misses a change.
CREATE TRIGGER "Household_poverty_history" AFTER UPDATE OF "povertyStatus" ON "Household"
WHEN NEW."povertyStatus" IS NOT (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = NEW."id" ORDER BY r."certifiedOn" DESC, r.rowid DESC LIMIT 1)
BEGIN
  INSERT INTO "PovertyRecord" ("id", "householdId", "status", "certifiedOn", "source", "createdAt")
  VALUES ('pr-' || lower(hex(randomblob(12))), NEW."id", NEW."povertyStatus", date('now'), 'edit', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
END;

-- The totals no longer copy the household's current status (the records above decide it).
DROP TRIGGER "Household_totals";
CREATE TRIGGER "Household_totals" AFTER UPDATE OF "headSex", "ethnicMinority" ON "Household" BEGIN
  UPDATE "ContractHouseholdTotal" SET "headSex" = NEW."headSex", "ethnicMinority" = NEW."ethnicMinority"
  WHERE "householdId" = NEW."id";
END;

-- A household's first lot under a contract: its status on the season's start.
CREATE TRIGGER "ContractHouseholdTotal_poverty" AFTER INSERT ON "ContractHouseholdTotal" BEGIN
  UPDATE "ContractHouseholdTotal" SET "povertyStatus" = COALESCE(
    (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = NEW."householdId"
       AND (r."certifiedOn" IS NULL OR r."certifiedOn" <= (SELECT s."start" FROM "Contract" k JOIN "Season" s ON s."id" = k."seasonId" WHERE k."id" = NEW."contractId"))
     ORDER BY r."certifiedOn" DESC, r.rowid DESC LIMIT 1),
    (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = NEW."householdId" ORDER BY r."certifiedOn" ASC, r.rowid ASC LIMIT 1),
    (SELECT x."povertyStatus" FROM "Household" x WHERE x."id" = NEW."householdId"))
  WHERE "contractId" = NEW."contractId" AND "householdId" = NEW."householdId";
END;

DROP VIEW "LedgerContractHouseholdTotal";
CREATE VIEW "LedgerContractHouseholdTotal" AS
SELECT l."contractId", l."householdId",
  COALESCE(SUM(CASE WHEN s."id" IS NULL THEN l."netG" END), 0) AS "netG",
  COALESCE(SUM(CASE WHEN s."id" IS NULL THEN l."amountVnd" END), 0) AS "amountVnd",
  COALESCE(SUM(s."id" IS NULL), 0) AS "lots",
  COALESCE(SUM(EXISTS (SELECT 1 FROM "LotDispute" d WHERE d."lotId" = l."id")), 0) AS "disputedLots",
  COALESCE(
    (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = l."householdId"
       AND (r."certifiedOn" IS NULL OR r."certifiedOn" <= (SELECT s."start" FROM "Contract" k JOIN "Season" s ON s."id" = k."seasonId" WHERE k."id" = l."contractId"))
     ORDER BY r."certifiedOn" DESC, r.rowid DESC LIMIT 1),
    (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = l."householdId" ORDER BY r."certifiedOn" ASC, r.rowid ASC LIMIT 1),
    (SELECT x."povertyStatus" FROM "Household" x WHERE x."id" = l."householdId")) AS "povertyStatus",
  h."headSex", h."ethnicMinority"
FROM "Lot" l LEFT JOIN "Lot" s ON s."supersedesId" = l."id" JOIN "Household" h ON h."id" = l."householdId"
GROUP BY l."contractId", l."householdId";

UPDATE "ContractHouseholdTotal" SET "povertyStatus" = COALESCE(
    (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = "ContractHouseholdTotal"."householdId"
       AND (r."certifiedOn" IS NULL OR r."certifiedOn" <= (SELECT s."start" FROM "Contract" k JOIN "Season" s ON s."id" = k."seasonId" WHERE k."id" = "ContractHouseholdTotal"."contractId"))
     ORDER BY r."certifiedOn" DESC, r.rowid DESC LIMIT 1),
    (SELECT r."status" FROM "PovertyRecord" r WHERE r."householdId" = "ContractHouseholdTotal"."householdId" ORDER BY r."certifiedOn" ASC, r.rowid ASC LIMIT 1),
    (SELECT x."povertyStatus" FROM "Household" x WHERE x."id" = "ContractHouseholdTotal"."householdId"));
