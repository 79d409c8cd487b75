-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT,
    "phone" TEXT,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "isSiteAdmin" BOOLEAN NOT NULL DEFAULT false,
    "disabledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisationId" TEXT,
    "groupId" TEXT,
    "householdId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Membership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Membership_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LoginFailure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AdminArea" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" TEXT,
    "lat" REAL,
    "lng" REAL,
    CONSTRAINT "AdminArea_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "AdminArea" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "province" TEXT,
    "district" TEXT,
    "commune" TEXT,
    "lat" REAL,
    "lng" REAL,
    "phone" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FarmerGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "commune" TEXT NOT NULL,
    "hamlet" TEXT,
    "lat" REAL,
    "lng" REAL,
    "projectOwnerId" TEXT,
    "foundedOn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FarmerGroup_projectOwnerId_fkey" FOREIGN KEY ("projectOwnerId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "headName" TEXT NOT NULL,
    "headSex" TEXT NOT NULL,
    "ethnicMinority" BOOLEAN NOT NULL,
    "ethnicity" TEXT,
    "povertyStatus" TEXT NOT NULL,
    "members" INTEGER NOT NULL,
    "workers" INTEGER,
    "baselineIncomeVnd" INTEGER,
    "phone" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Household_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "unit" TEXT NOT NULL DEFAULT 'kg'
);

-- CreateTable
CREATE TABLE "Season" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "end" TEXT NOT NULL,
    CONSTRAINT "Season_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PurchaseOffer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "buyerId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "seasonId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "minTonnes" REAL NOT NULL,
    "maxTonnes" REAL NOT NULL,
    "windowStart" TEXT NOT NULL,
    "windowEnd" TEXT NOT NULL,
    "priceMechanism" TEXT NOT NULL DEFAULT 'fixed',
    "marketReference" TEXT,
    "paymentTermsDays" INTEGER NOT NULL,
    "groupFundPct" REAL NOT NULL DEFAULT 0,
    "inputsAdvanced" TEXT,
    "inputRecovery" TEXT,
    "eligibleProvinces" TEXT NOT NULL DEFAULT '[]',
    "eligibleDistricts" TEXT NOT NULL DEFAULT '[]',
    "notes" TEXT,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PurchaseOffer_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PurchaseOffer_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PurchaseOffer_seasonId_fkey" FOREIGN KEY ("seasonId") REFERENCES "Season" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OfferGrade" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "offerId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "criteria" TEXT,
    "priceVndPerKg" INTEGER NOT NULL,
    "sort" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "OfferGrade_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "PurchaseOffer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CollectionPoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "offerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lat" REAL NOT NULL,
    "lng" REAL NOT NULL,
    CONSTRAINT "CollectionPoint_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "PurchaseOffer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OfferAcceptance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "offerId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "areaHa" REAL NOT NULL,
    "volumeTonnes" REAL NOT NULL,
    "allocations" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "declineReason" TEXT,
    "submittedById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OfferAcceptance_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "PurchaseOffer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OfferAcceptance_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "seasonId" TEXT NOT NULL,
    "offerId" TEXT,
    "acceptanceId" TEXT,
    "status" TEXT NOT NULL,
    "signedOn" TEXT,
    "areaHa" REAL NOT NULL,
    "volumeTonnes" REAL NOT NULL,
    "paymentTermsDays" INTEGER NOT NULL,
    "priceMechanism" TEXT NOT NULL DEFAULT 'fixed',
    "marketReference" TEXT,
    "groupFundPct" REAL NOT NULL DEFAULT 0,
    "inputsAdvanced" TEXT,
    "inputRecovery" TEXT,
    "renewsId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contract_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Contract_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Contract_seasonId_fkey" FOREIGN KEY ("seasonId") REFERENCES "Season" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Contract_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "PurchaseOffer" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Contract_acceptanceId_fkey" FOREIGN KEY ("acceptanceId") REFERENCES "OfferAcceptance" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Contract_renewsId_fkey" FOREIGN KEY ("renewsId") REFERENCES "Contract" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContractGrade" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contractId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "criteria" TEXT,
    "priceVndPerKg" INTEGER NOT NULL,
    CONSTRAINT "ContractGrade_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContractAllocation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contractId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "tonnes" REAL NOT NULL,
    "areaHa" REAL,
    CONSTRAINT "ContractAllocation_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ContractAllocation_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContractEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contractId" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "reason" TEXT,
    "byUserId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContractEvent_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Pickup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "collectionPoint" TEXT,
    "vehicle" TEXT,
    "staffName" TEXT,
    "recordedById" TEXT,
    "clientKey" TEXT,
    "chainSeq" INTEGER,
    "prevHash" TEXT,
    "hash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Pickup_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PickupWitness" (
    "pickupId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,

    PRIMARY KEY ("pickupId", "householdId"),
    CONSTRAINT "PickupWitness_pickupId_fkey" FOREIGN KEY ("pickupId") REFERENCES "Pickup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PickupWitness_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Lot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "pickupId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "grossG" INTEGER NOT NULL,
    "tareG" INTEGER NOT NULL,
    "netG" INTEGER NOT NULL,
    "grade" TEXT NOT NULL,
    "measurements" TEXT NOT NULL DEFAULT '{}',
    "unitPriceVnd" INTEGER NOT NULL,
    "amountVnd" INTEGER NOT NULL,
    "supersedesId" TEXT,
    "correctionReason" TEXT,
    "chainSeq" INTEGER,
    "prevHash" TEXT,
    "hash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Lot_pickupId_fkey" FOREIGN KEY ("pickupId") REFERENCES "Pickup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Lot_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Lot_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Lot_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "Lot" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LotDispute" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lotId" TEXT NOT NULL,
    "openedById" TEXT,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolution" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" DATETIME,
    "correctionLotId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LotDispute_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoiceCounter" (
    "buyerId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    PRIMARY KEY ("buyerId", "year"),
    CONSTRAINT "InvoiceCounter_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'invoice',
    "year" INTEGER,
    "number" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'issued',
    "issuedOn" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "subtotalVnd" INTEGER NOT NULL DEFAULT 0,
    "deductionsVnd" INTEGER NOT NULL DEFAULT 0,
    "totalVnd" INTEGER NOT NULL DEFAULT 0,
    "lotsHash" TEXT,
    "referencesId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Invoice_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Invoice_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Invoice_referencesId_fkey" FOREIGN KEY ("referencesId") REFERENCES "Invoice" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoicePickup" (
    "invoiceId" TEXT NOT NULL,
    "pickupId" TEXT NOT NULL,

    PRIMARY KEY ("invoiceId", "pickupId"),
    CONSTRAINT "InvoicePickup_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InvoicePickup_pickupId_fkey" FOREIGN KEY ("pickupId") REFERENCES "Pickup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "invoiceId" TEXT NOT NULL,
    "lotId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "netG" INTEGER NOT NULL,
    "grade" TEXT NOT NULL,
    "unitPriceVnd" INTEGER NOT NULL,
    "amountVnd" INTEGER NOT NULL,
    CONSTRAINT "InvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InvoiceLine_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoiceDeduction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "invoiceId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amountVnd" INTEGER NOT NULL,
    "advanceId" TEXT,
    CONSTRAINT "InvoiceDeduction_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InvoiceDeduction_advanceId_fkey" FOREIGN KEY ("advanceId") REFERENCES "InputAdvance" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "paidOn" TEXT NOT NULL,
    "amountVnd" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "reference" TEXT,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Payment_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InputAdvance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "contractId" TEXT,
    "item" TEXT NOT NULL,
    "quantity" REAL,
    "unit" TEXT,
    "valueVnd" INTEGER NOT NULL,
    "advancedOn" TEXT NOT NULL,
    "recoveryPlan" TEXT NOT NULL DEFAULT 'per_invoice_pct',
    "recoveryPct" REAL NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InputAdvance_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InputAdvance_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InputAdvance_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InputAdvance_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupFundEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "householdId" TEXT,
    "kind" TEXT NOT NULL,
    "amountVnd" INTEGER NOT NULL,
    "inKind" TEXT,
    "on" TEXT NOT NULL,
    "note" TEXT,
    "invoiceId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GroupFundEntry_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GroupFundEntry_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_phone_key" ON "User"("phone");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Membership_organisationId_idx" ON "Membership"("organisationId");

-- CreateIndex
CREATE INDEX "Membership_groupId_idx" ON "Membership"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_organisationId_groupId_key" ON "Membership"("userId", "organisationId", "groupId");

-- CreateIndex
CREATE INDEX "LoginFailure_key_at_idx" ON "LoginFailure"("key", "at");

-- CreateIndex
CREATE UNIQUE INDEX "AdminArea_code_key" ON "AdminArea"("code");

-- CreateIndex
CREATE INDEX "AdminArea_level_name_idx" ON "AdminArea"("level", "name");

-- CreateIndex
CREATE INDEX "AdminArea_parentId_idx" ON "AdminArea"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_ref_key" ON "Organisation"("ref");

-- CreateIndex
CREATE INDEX "Organisation_kind_idx" ON "Organisation"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "FarmerGroup_ref_key" ON "FarmerGroup"("ref");

-- CreateIndex
CREATE INDEX "FarmerGroup_province_district_idx" ON "FarmerGroup"("province", "district");

-- CreateIndex
CREATE INDEX "FarmerGroup_projectOwnerId_idx" ON "FarmerGroup"("projectOwnerId");

-- CreateIndex
CREATE UNIQUE INDEX "Household_ref_key" ON "Household"("ref");

-- CreateIndex
CREATE INDEX "Household_groupId_idx" ON "Household"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Product_ref_key" ON "Product"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "Season_ref_key" ON "Season"("ref");

-- CreateIndex
CREATE INDEX "Season_productId_start_idx" ON "Season"("productId", "start");

-- CreateIndex
CREATE INDEX "PurchaseOffer_buyerId_status_idx" ON "PurchaseOffer"("buyerId", "status");

-- CreateIndex
CREATE INDEX "PurchaseOffer_seasonId_status_idx" ON "PurchaseOffer"("seasonId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "OfferGrade_offerId_code_key" ON "OfferGrade"("offerId", "code");

-- CreateIndex
CREATE INDEX "CollectionPoint_offerId_idx" ON "CollectionPoint"("offerId");

-- CreateIndex
CREATE INDEX "OfferAcceptance_offerId_status_idx" ON "OfferAcceptance"("offerId", "status");

-- CreateIndex
CREATE INDEX "OfferAcceptance_groupId_idx" ON "OfferAcceptance"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_ref_key" ON "Contract"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_acceptanceId_key" ON "Contract"("acceptanceId");

-- CreateIndex
CREATE INDEX "Contract_seasonId_status_idx" ON "Contract"("seasonId", "status");

-- CreateIndex
CREATE INDEX "Contract_buyerId_seasonId_idx" ON "Contract"("buyerId", "seasonId");

-- CreateIndex
CREATE INDEX "Contract_groupId_seasonId_idx" ON "Contract"("groupId", "seasonId");

-- CreateIndex
CREATE UNIQUE INDEX "ContractGrade_contractId_code_key" ON "ContractGrade"("contractId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "ContractAllocation_contractId_householdId_key" ON "ContractAllocation"("contractId", "householdId");

-- CreateIndex
CREATE INDEX "ContractEvent_contractId_at_idx" ON "ContractEvent"("contractId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Pickup_ref_key" ON "Pickup"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "Pickup_clientKey_key" ON "Pickup"("clientKey");

-- CreateIndex
CREATE INDEX "Pickup_contractId_date_idx" ON "Pickup"("contractId", "date");

-- CreateIndex
CREATE INDEX "Pickup_contractId_chainSeq_idx" ON "Pickup"("contractId", "chainSeq");

-- CreateIndex
CREATE UNIQUE INDEX "Lot_ref_key" ON "Lot"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "Lot_supersedesId_key" ON "Lot"("supersedesId");

-- CreateIndex
CREATE INDEX "Lot_pickupId_idx" ON "Lot"("pickupId");

-- CreateIndex
CREATE INDEX "Lot_contractId_chainSeq_idx" ON "Lot"("contractId", "chainSeq");

-- CreateIndex
CREATE INDEX "Lot_householdId_idx" ON "Lot"("householdId");

-- CreateIndex
CREATE INDEX "LotDispute_lotId_idx" ON "LotDispute"("lotId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_ref_key" ON "Invoice"("ref");

-- CreateIndex
CREATE INDEX "Invoice_contractId_idx" ON "Invoice"("contractId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_buyerId_year_number_key" ON "Invoice"("buyerId", "year", "number");

-- CreateIndex
CREATE UNIQUE INDEX "InvoicePickup_pickupId_key" ON "InvoicePickup"("pickupId");

-- CreateIndex
CREATE INDEX "InvoiceLine_invoiceId_idx" ON "InvoiceLine"("invoiceId");

-- CreateIndex
CREATE INDEX "InvoiceDeduction_invoiceId_idx" ON "InvoiceDeduction"("invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_ref_key" ON "Payment"("ref");

-- CreateIndex
CREATE INDEX "Payment_invoiceId_idx" ON "Payment"("invoiceId");

-- CreateIndex
CREATE INDEX "InputAdvance_householdId_idx" ON "InputAdvance"("householdId");

-- CreateIndex
CREATE INDEX "InputAdvance_groupId_idx" ON "InputAdvance"("groupId");

-- CreateIndex
CREATE INDEX "GroupFundEntry_groupId_on_idx" ON "GroupFundEntry"("groupId", "on");

-- CreateIndex
CREATE INDEX "GroupFundEntry_householdId_idx" ON "GroupFundEntry"("householdId");


-- Append-only record: pickups, their witnesses and lots are never changed or removed.
-- A correction is a new Lot row with supersedesId (see docs/decisions/0005-append-only-pickups.md).
CREATE TRIGGER "Pickup_no_update" BEFORE UPDATE ON "Pickup" BEGIN SELECT RAISE(ABORT, 'append-only: Pickup rows cannot be updated'); END;
CREATE TRIGGER "Pickup_no_delete" BEFORE DELETE ON "Pickup" BEGIN SELECT RAISE(ABORT, 'append-only: Pickup rows cannot be deleted'); END;
CREATE TRIGGER "Lot_no_update" BEFORE UPDATE ON "Lot" BEGIN SELECT RAISE(ABORT, 'append-only: Lot rows cannot be updated'); END;
CREATE TRIGGER "Lot_no_delete" BEFORE DELETE ON "Lot" BEGIN SELECT RAISE(ABORT, 'append-only: Lot rows cannot be deleted'); END;
CREATE TRIGGER "PickupWitness_no_update" BEFORE UPDATE ON "PickupWitness" BEGIN SELECT RAISE(ABORT, 'append-only: PickupWitness rows cannot be updated'); END;
CREATE TRIGGER "PickupWitness_no_delete" BEFORE DELETE ON "PickupWitness" BEGIN SELECT RAISE(ABORT, 'append-only: PickupWitness rows cannot be deleted'); END;

-- A membership belongs to exactly one organisation or one farmer group.
CREATE TRIGGER "Membership_one_owner_insert" BEFORE INSERT ON "Membership"
WHEN (NEW."organisationId" IS NULL) = (NEW."groupId" IS NULL)
BEGIN SELECT RAISE(ABORT, 'membership needs exactly one of organisationId, groupId'); END;
