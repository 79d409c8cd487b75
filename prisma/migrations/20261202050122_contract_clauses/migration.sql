-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "representativeName" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "representativeTitle" TEXT;

-- AlterTable
ALTER TABLE "PurchaseOffer" ADD COLUMN "clauses" TEXT;

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN "clauses" TEXT;
ALTER TABLE "Contract" ADD COLUMN "signedPlace" TEXT;

