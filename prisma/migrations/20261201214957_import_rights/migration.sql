-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "importedById" TEXT;

