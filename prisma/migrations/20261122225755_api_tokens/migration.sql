-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "beneficiarySelection" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "endsOn" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "objectives" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "startedOn" TEXT;

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_organisationId_idx" ON "ApiToken"("organisationId");


-- Tighter immutability: an issued invoice may only become cancelled (never any other status),
-- and the pickups it covers are fixed.
DROP TRIGGER "Invoice_immutable";
CREATE TRIGGER "Invoice_immutable" BEFORE UPDATE ON "Invoice"
WHEN NEW."subtotalVnd" IS NOT OLD."subtotalVnd" OR NEW."deductionsVnd" IS NOT OLD."deductionsVnd"
  OR NEW."totalVnd" IS NOT OLD."totalVnd" OR NEW."number" IS NOT OLD."number" OR NEW."year" IS NOT OLD."year"
  OR NEW."issuedOn" IS NOT OLD."issuedOn" OR NEW."dueOn" IS NOT OLD."dueOn" OR NEW."contractId" IS NOT OLD."contractId"
  OR NEW."buyerId" IS NOT OLD."buyerId" OR NEW."lotsHash" IS NOT OLD."lotsHash" OR NEW."kind" IS NOT OLD."kind"
  OR NEW."ref" IS NOT OLD."ref" OR NEW."referencesId" IS NOT OLD."referencesId"
  OR OLD."status" = 'cancelled'
  OR (NEW."status" IS NOT OLD."status" AND NOT (OLD."status" = 'issued' AND NEW."status" = 'cancelled'))
BEGIN SELECT RAISE(ABORT, 'immutable: an issued invoice cannot be changed'); END;
CREATE TRIGGER "InvoicePickup_no_update" BEFORE UPDATE ON "InvoicePickup" BEGIN SELECT RAISE(ABORT, 'immutable: invoice pickups cannot be changed'); END;
CREATE TRIGGER "InvoicePickup_no_delete" BEFORE DELETE ON "InvoicePickup" BEGIN SELECT RAISE(ABORT, 'immutable: invoice pickups cannot be deleted'); END;
