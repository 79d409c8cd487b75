-- CreateTable
CREATE TABLE "WitnessRota" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "on" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WitnessRota_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WitnessRota_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable (a plain ADD COLUMN: no table rebuild needed for a column with a default)
ALTER TABLE "Product" ADD COLUMN "measures" TEXT NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE UNIQUE INDEX "WitnessRota_groupId_on_householdId_key" ON "WitnessRota"("groupId", "on", "householdId");

