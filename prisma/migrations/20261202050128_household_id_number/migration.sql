-- AlterTable
ALTER TABLE "Household" ADD COLUMN "idConsentAt" DATETIME;
ALTER TABLE "Household" ADD COLUMN "idConsentById" TEXT;
ALTER TABLE "Household" ADD COLUMN "idNumber" TEXT;

