-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN "cancelReason" TEXT;
ALTER TABLE "Invoice" ADD COLUMN "cancelledAt" DATETIME;
ALTER TABLE "Invoice" ADD COLUMN "issuedById" TEXT;

-- A cancelled invoice keeps its pickups; only non-cancelled invoices claim a pickup (in code).
DROP INDEX "InvoicePickup_pickupId_key";
CREATE INDEX "InvoicePickup_pickupId_idx" ON "InvoicePickup"("pickupId");


-- An issued invoice is immutable: only its cancellation may be recorded. Its lines,
-- deductions and pickups never change; a later lot correction produces a credit/debit note.
CREATE TRIGGER "Invoice_immutable" BEFORE UPDATE ON "Invoice"
WHEN NEW."subtotalVnd" IS NOT OLD."subtotalVnd" OR NEW."deductionsVnd" IS NOT OLD."deductionsVnd"
  OR NEW."totalVnd" IS NOT OLD."totalVnd" OR NEW."number" IS NOT OLD."number" OR NEW."year" IS NOT OLD."year"
  OR NEW."issuedOn" IS NOT OLD."issuedOn" OR NEW."dueOn" IS NOT OLD."dueOn" OR NEW."contractId" IS NOT OLD."contractId"
  OR NEW."buyerId" IS NOT OLD."buyerId" OR NEW."lotsHash" IS NOT OLD."lotsHash" OR NEW."kind" IS NOT OLD."kind"
  OR NEW."ref" IS NOT OLD."ref" OR NEW."referencesId" IS NOT OLD."referencesId"
  OR (OLD."status" = 'cancelled')
BEGIN SELECT RAISE(ABORT, 'immutable: an issued invoice cannot be changed'); END;
CREATE TRIGGER "Invoice_no_delete" BEFORE DELETE ON "Invoice" BEGIN SELECT RAISE(ABORT, 'immutable: invoices cannot be deleted'); END;
CREATE TRIGGER "InvoiceLine_no_update" BEFORE UPDATE ON "InvoiceLine" BEGIN SELECT RAISE(ABORT, 'immutable: invoice lines cannot be changed'); END;
CREATE TRIGGER "InvoiceLine_no_delete" BEFORE DELETE ON "InvoiceLine" BEGIN SELECT RAISE(ABORT, 'immutable: invoice lines cannot be deleted'); END;
CREATE TRIGGER "InvoiceDeduction_no_update" BEFORE UPDATE ON "InvoiceDeduction" BEGIN SELECT RAISE(ABORT, 'immutable: deductions cannot be changed'); END;
CREATE TRIGGER "InvoiceDeduction_no_delete" BEFORE DELETE ON "InvoiceDeduction" BEGIN SELECT RAISE(ABORT, 'immutable: deductions cannot be deleted'); END;
CREATE TRIGGER "Payment_no_update" BEFORE UPDATE ON "Payment" BEGIN SELECT RAISE(ABORT, 'append-only: payments cannot be changed'); END;
CREATE TRIGGER "Payment_no_delete" BEFORE DELETE ON "Payment" BEGIN SELECT RAISE(ABORT, 'append-only: payments cannot be deleted'); END;
