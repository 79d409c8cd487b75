-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "bankAccount" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "bankBin" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "bankHolder" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "taxCode" TEXT;

-- AlterTable
ALTER TABLE "Household" ADD COLUMN "bankAccount" TEXT;
ALTER TABLE "Household" ADD COLUMN "bankBin" TEXT;
ALTER TABLE "Household" ADD COLUMN "bankHolder" TEXT;

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN "series" TEXT;


-- The prefix a statement was printed with is part of its number: as immutable as the number.
CREATE TRIGGER "Invoice_series_immutable" BEFORE UPDATE OF "series" ON "Invoice"
WHEN NEW."series" IS NOT OLD."series" BEGIN SELECT RAISE(ABORT, 'immutable: an issued document cannot be changed'); END;
