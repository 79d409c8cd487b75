-- DropIndex
DROP INDEX "InvoiceTotal_contractId_idx";

-- CreateIndex
CREATE INDEX "InvoiceTotal_contractId_cancelled_dueOn_amountVnd_keptVnd_paidByDueVnd_idx" ON "InvoiceTotal"("contractId", "cancelled", "dueOn", "amountVnd", "keptVnd", "paidByDueVnd");

