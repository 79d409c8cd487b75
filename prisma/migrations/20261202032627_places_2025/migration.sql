-- Places in the 2025 units (docs/decisions/0019-places-2025.md). Every record so far was
-- written in the pre-July-2025 units, so its district becomes its former district; the
-- current province and commune, their codes and the former province and commune are filled in
-- by backfillPlaces() (app/domain/places/backfill.server.ts) right after this migration,
-- because the official crosswalk lives in a package, not in SQL.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provinceCode" TEXT,
    "communeCode" TEXT,
    "province" TEXT,
    "commune" TEXT,
    "formerProvince" TEXT,
    "formerDistrict" TEXT,
    "formerCommune" TEXT,
    "lat" REAL,
    "lng" REAL,
    "phone" TEXT,
    "objectives" TEXT,
    "beneficiarySelection" TEXT,
    "startedOn" TEXT,
    "endsOn" TEXT,
    "importedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("formerDistrict", "beneficiarySelection", "commune", "createdAt", "endsOn", "id", "importedById", "kind", "lat", "lng", "name", "objectives", "phone", "province", "ref", "startedOn", "updatedAt") SELECT "district", "beneficiarySelection", "commune", "createdAt", "endsOn", "id", "importedById", "kind", "lat", "lng", "name", "objectives", "phone", "province", "ref", "startedOn", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_ref_key" ON "Organisation"("ref");
CREATE INDEX "Organisation_kind_idx" ON "Organisation"("kind");
CREATE TABLE "new_FarmerGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provinceCode" TEXT,
    "communeCode" TEXT,
    "province" TEXT NOT NULL,
    "commune" TEXT NOT NULL,
    "formerProvince" TEXT,
    "formerDistrict" TEXT,
    "formerCommune" TEXT,
    "placeCandidates" TEXT,
    "hamlet" TEXT,
    "lat" REAL,
    "lng" REAL,
    "projectOwnerId" TEXT,
    "projectRequestedId" TEXT,
    "foundedOn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FarmerGroup_projectOwnerId_fkey" FOREIGN KEY ("projectOwnerId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_FarmerGroup" ("formerDistrict", "commune", "createdAt", "foundedOn", "hamlet", "id", "lat", "lng", "name", "projectOwnerId", "projectRequestedId", "province", "ref", "updatedAt") SELECT "district", "commune", "createdAt", "foundedOn", "hamlet", "id", "lat", "lng", "name", "projectOwnerId", "projectRequestedId", "province", "ref", "updatedAt" FROM "FarmerGroup";
DROP TABLE "FarmerGroup";
ALTER TABLE "new_FarmerGroup" RENAME TO "FarmerGroup";
CREATE UNIQUE INDEX "FarmerGroup_ref_key" ON "FarmerGroup"("ref");
CREATE INDEX "FarmerGroup_province_commune_idx" ON "FarmerGroup"("province", "commune");
CREATE INDEX "FarmerGroup_formerProvince_formerDistrict_idx" ON "FarmerGroup"("formerProvince", "formerDistrict");
CREATE INDEX "FarmerGroup_communeCode_idx" ON "FarmerGroup"("communeCode");
CREATE INDEX "FarmerGroup_projectOwnerId_idx" ON "FarmerGroup"("projectOwnerId");
CREATE INDEX "FarmerGroup_projectRequestedId_idx" ON "FarmerGroup"("projectRequestedId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

