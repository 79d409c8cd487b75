-- AlterTable
ALTER TABLE "Household" ADD COLUMN "traceNameConsentAt" DATETIME;
ALTER TABLE "Household" ADD COLUMN "traceNameConsentById" TEXT;

-- AlterTable
ALTER TABLE "PurchaseOffer" ADD COLUMN "requiredScheme" TEXT;

-- CreateTable
CREATE TABLE "TraceCode" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "pickupId" TEXT NOT NULL,
    "lotId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TraceCode_pickupId_fkey" FOREIGN KEY ("pickupId") REFERENCES "Pickup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TraceCode_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProductGtin" (
    "buyerId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "gtin" TEXT NOT NULL,

    PRIMARY KEY ("buyerId", "productId"),
    CONSTRAINT "ProductGtin_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProductGtin_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT,
    "orgId" TEXT,
    "scheme" TEXT NOT NULL,
    "schemeName" TEXT,
    "number" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "products" TEXT NOT NULL DEFAULT '[]',
    "areaHa" REAL,
    "membersCovered" INTEGER,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT NOT NULL,
    "fileName" TEXT,
    "fileMime" TEXT,
    "fileSize" INTEGER,
    "file" BLOB,
    "createdById" TEXT,
    "withdrawnAt" DATETIME,
    "withdrawnReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Certification_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Certification_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PickupCertification" (
    "pickupId" TEXT NOT NULL,
    "certificationId" TEXT NOT NULL,

    PRIMARY KEY ("pickupId", "certificationId"),
    CONSTRAINT "PickupCertification_pickupId_fkey" FOREIGN KEY ("pickupId") REFERENCES "Pickup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PickupCertification_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CertificationReminder" (
    "certificationId" TEXT NOT NULL,
    "daysBefore" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("certificationId", "daysBefore"),
    CONSTRAINT "CertificationReminder_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "userId" TEXT,
    "householdId" TEXT,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "html" TEXT,
    "params" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "sentAt" DATETIME,
    "providerId" TEXT,
    "costVnd" INTEGER,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "messageId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "httpStatus" INTEGER,
    "answer" TEXT,
    "durationMs" INTEGER,
    CONSTRAINT "DeliveryAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "OutboxMessage" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContactPreference" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "householdId" TEXT,
    "smsPhone" TEXT,
    "smsPlain" BOOLEAN NOT NULL DEFAULT false,
    "zaloPhone" TEXT,
    "email" TEXT,
    "quietStart" TEXT,
    "quietEnd" TEXT,
    "events" TEXT,
    "consentAt" DATETIME,
    "consentById" TEXT,
    "stoppedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ContactPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ContactPreference_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- AlterTable (ADD COLUMN, not a rebuild: Organisation keeps its rows and references)
ALTER TABLE "Organisation" ADD COLUMN "traceShowPrices" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "TraceCode_lotId_key" ON "TraceCode"("lotId");

-- CreateIndex
CREATE INDEX "TraceCode_pickupId_idx" ON "TraceCode"("pickupId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductGtin_gtin_key" ON "ProductGtin"("gtin");

-- CreateIndex
CREATE INDEX "Certification_groupId_validTo_idx" ON "Certification"("groupId", "validTo");

-- CreateIndex
CREATE INDEX "Certification_orgId_validTo_idx" ON "Certification"("orgId", "validTo");

-- CreateIndex
CREATE INDEX "PickupCertification_certificationId_idx" ON "PickupCertification"("certificationId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_channel_status_idx" ON "OutboxMessage"("channel", "status");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_eventKey_channel_address_key" ON "OutboxMessage"("eventKey", "channel", "address");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_messageId_idx" ON "DeliveryAttempt"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "ContactPreference_userId_key" ON "ContactPreference"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ContactPreference_householdId_key" ON "ContactPreference"("householdId");


-- One public code per pickup (its lots have their own).
CREATE UNIQUE INDEX "TraceCode_pickup_only_key" ON "TraceCode"("pickupId") WHERE "lotId" IS NULL;

-- Trace codes, the certificates recorded with a pickup, reminders sent and delivery attempts are
-- records of what happened: never changed or removed.
CREATE TRIGGER "TraceCode_no_update" BEFORE UPDATE ON "TraceCode"
BEGIN SELECT RAISE(ABORT, 'append-only: TraceCode rows cannot be updated'); END;
CREATE TRIGGER "TraceCode_no_delete" BEFORE DELETE ON "TraceCode"
BEGIN SELECT RAISE(ABORT, 'append-only: TraceCode rows cannot be deleted'); END;
CREATE TRIGGER "PickupCertification_no_update" BEFORE UPDATE ON "PickupCertification"
BEGIN SELECT RAISE(ABORT, 'append-only: PickupCertification rows cannot be updated'); END;
CREATE TRIGGER "PickupCertification_no_delete" BEFORE DELETE ON "PickupCertification"
BEGIN SELECT RAISE(ABORT, 'append-only: PickupCertification rows cannot be deleted'); END;
CREATE TRIGGER "DeliveryAttempt_no_update" BEFORE UPDATE ON "DeliveryAttempt"
BEGIN SELECT RAISE(ABORT, 'append-only: DeliveryAttempt rows cannot be updated'); END;
CREATE TRIGGER "DeliveryAttempt_no_delete" BEFORE DELETE ON "DeliveryAttempt"
BEGIN SELECT RAISE(ABORT, 'append-only: DeliveryAttempt rows cannot be deleted'); END;
