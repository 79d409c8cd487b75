-- AlterTable
ALTER TABLE "FarmerGroup" ADD COLUMN "projectRequestedId" TEXT;

-- CreateIndex
CREATE INDEX "FarmerGroup_projectRequestedId_idx" ON "FarmerGroup"("projectRequestedId");

