-- AlterTable
ALTER TABLE "FarmerGroup" ADD COLUMN "taxCode" TEXT;

