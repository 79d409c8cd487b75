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

