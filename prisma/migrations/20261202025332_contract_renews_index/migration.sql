-- CreateIndex
CREATE INDEX "Contract_renewsId_idx" ON "Contract"("renewsId");

