-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "isSiteAdmin" BOOLEAN NOT NULL DEFAULT false,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisationId" TEXT,
    "groupId" TEXT,
    "householdId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt" TIMESTAMP(3),
    "invitedLogin" TEXT,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpenInvitation" (
    "id" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisationId" TEXT,
    "groupId" TEXT,
    "householdId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpenInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "link" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "userId" TEXT,
    "organisationId" TEXT,
    "detail" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginFailure" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdminArea" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,

    CONSTRAINT "AdminArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
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
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "phone" TEXT,
    "representativeName" TEXT,
    "representativeTitle" TEXT,
    "taxCode" TEXT,
    "bankBin" TEXT,
    "bankAccount" TEXT,
    "bankHolder" TEXT,
    "traceShowPrices" BOOLEAN NOT NULL DEFAULT false,
    "objectives" TEXT,
    "beneficiarySelection" TEXT,
    "startedOn" TEXT,
    "endsOn" TEXT,
    "importedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FarmerGroup" (
    "id" TEXT NOT NULL,
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
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "projectOwnerId" TEXT,
    "projectRequestedId" TEXT,
    "foundedOn" TEXT,
    "taxCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FarmerGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "headName" TEXT NOT NULL,
    "headSex" TEXT NOT NULL,
    "ethnicMinority" BOOLEAN NOT NULL,
    "ethnicity" TEXT,
    "povertyStatus" TEXT NOT NULL,
    "members" BIGINT NOT NULL,
    "membersFemale" BIGINT,
    "workers" BIGINT,
    "baselineIncomeVnd" BIGINT,
    "phone" TEXT,
    "idNumber" TEXT,
    "idConsentAt" TIMESTAMP(3),
    "idConsentById" TEXT,
    "bankBin" TEXT,
    "bankAccount" TEXT,
    "bankHolder" TEXT,
    "traceNameConsentAt" TIMESTAMP(3),
    "traceNameConsentById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WitnessRota" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "on" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WitnessRota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "unit" TEXT NOT NULL DEFAULT 'kg',
    "measures" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Season" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "end" TEXT NOT NULL,

    CONSTRAINT "Season_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurchaseOffer" (
    "id" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "seasonId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "minTonnes" DOUBLE PRECISION NOT NULL,
    "maxTonnes" DOUBLE PRECISION NOT NULL,
    "windowStart" TEXT NOT NULL,
    "windowEnd" TEXT NOT NULL,
    "priceMechanism" TEXT NOT NULL DEFAULT 'fixed',
    "marketReference" TEXT,
    "paymentTermsDays" BIGINT NOT NULL,
    "groupFundPct" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "inputsAdvanced" TEXT,
    "inputRecovery" TEXT,
    "eligibleProvinces" TEXT NOT NULL DEFAULT '[]',
    "eligibleDistricts" TEXT NOT NULL DEFAULT '[]',
    "notes" TEXT,
    "clauses" TEXT,
    "requiredScheme" TEXT,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PurchaseOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfferGrade" (
    "id" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "criteria" TEXT,
    "priceVndPerKg" BIGINT NOT NULL,
    "sort" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "OfferGrade_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectionPoint" (
    "id" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "CollectionPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfferAcceptance" (
    "id" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "areaHa" DOUBLE PRECISION NOT NULL,
    "volumeTonnes" DOUBLE PRECISION NOT NULL,
    "allocations" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "declineReason" TEXT,
    "submittedById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfferAcceptance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "seasonId" TEXT NOT NULL,
    "offerId" TEXT,
    "acceptanceId" TEXT,
    "status" TEXT NOT NULL,
    "signedOn" TEXT,
    "areaHa" DOUBLE PRECISION NOT NULL,
    "volumeTonnes" DOUBLE PRECISION NOT NULL,
    "paymentTermsDays" BIGINT NOT NULL,
    "priceMechanism" TEXT NOT NULL DEFAULT 'fixed',
    "marketReference" TEXT,
    "groupFundPct" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "inputsAdvanced" TEXT,
    "inputRecovery" TEXT,
    "renewsId" TEXT,
    "clauses" TEXT,
    "signedPlace" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractGrade" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "criteria" TEXT,
    "priceVndPerKg" BIGINT NOT NULL,

    CONSTRAINT "ContractGrade_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractAllocation" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "tonnes" DOUBLE PRECISION NOT NULL,
    "areaHa" DOUBLE PRECISION,

    CONSTRAINT "ContractAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractEvent" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "reason" TEXT,
    "byUserId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pickup" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "collectionPoint" TEXT,
    "vehicle" TEXT,
    "staffName" TEXT,
    "recordedById" TEXT,
    "clientKey" TEXT,
    "chainSeq" BIGINT,
    "prevHash" TEXT,
    "hash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pickup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChainCheckpoint" (
    "id" BIGSERIAL NOT NULL,
    "contractId" TEXT NOT NULL,
    "n" BIGINT NOT NULL,
    "seq" BIGINT NOT NULL,
    "head" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "prev" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "ChainCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PickupWitness" (
    "pickupId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,

    CONSTRAINT "PickupWitness_pkey" PRIMARY KEY ("pickupId","householdId")
);

-- CreateTable
CREATE TABLE "Lot" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "pickupId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "grossG" BIGINT NOT NULL,
    "tareG" BIGINT NOT NULL,
    "netG" BIGINT NOT NULL,
    "grade" TEXT NOT NULL,
    "measurements" TEXT NOT NULL DEFAULT '{}',
    "unitPriceVnd" BIGINT NOT NULL,
    "amountVnd" BIGINT NOT NULL,
    "supersedesId" TEXT,
    "correctionReason" TEXT,
    "chainSeq" BIGINT,
    "prevHash" TEXT,
    "hash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Lot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LotDispute" (
    "id" TEXT NOT NULL,
    "lotId" TEXT NOT NULL,
    "openedById" TEXT,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolution" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "correctionLotId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LotDispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractTotal" (
    "contractId" TEXT NOT NULL,
    "netG" BIGINT NOT NULL DEFAULT 0,
    "amountVnd" BIGINT NOT NULL DEFAULT 0,
    "lots" BIGINT NOT NULL DEFAULT 0,
    "disputedLots" BIGINT NOT NULL DEFAULT 0,
    "pickups" BIGINT NOT NULL DEFAULT 0,
    "witnessedPickups" BIGINT NOT NULL DEFAULT 0,
    "paidVnd" BIGINT NOT NULL DEFAULT 0,
    "headSeq" BIGINT NOT NULL DEFAULT 0,
    "headHash" TEXT,

    CONSTRAINT "ContractTotal_pkey" PRIMARY KEY ("contractId")
);

-- CreateTable
CREATE TABLE "ContractHouseholdTotal" (
    "contractId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "netG" BIGINT NOT NULL DEFAULT 0,
    "amountVnd" BIGINT NOT NULL DEFAULT 0,
    "lots" BIGINT NOT NULL DEFAULT 0,
    "disputedLots" BIGINT NOT NULL DEFAULT 0,
    "povertyStatus" TEXT NOT NULL,
    "headSex" TEXT NOT NULL,
    "ethnicMinority" BOOLEAN NOT NULL,

    CONSTRAINT "ContractHouseholdTotal_pkey" PRIMARY KEY ("contractId","householdId")
);

-- CreateTable
CREATE TABLE "InvoiceTotal" (
    "invoiceId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "amountVnd" BIGINT NOT NULL DEFAULT 0,
    "keptVnd" BIGINT NOT NULL DEFAULT 0,
    "paidByDueVnd" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "InvoiceTotal_pkey" PRIMARY KEY ("invoiceId")
);

-- CreateTable
CREATE TABLE "InvoiceCounter" (
    "buyerId" TEXT NOT NULL,
    "year" BIGINT NOT NULL,
    "last" BIGINT NOT NULL,

    CONSTRAINT "InvoiceCounter_pkey" PRIMARY KEY ("buyerId","year")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'invoice',
    "year" BIGINT,
    "number" BIGINT,
    "series" TEXT,
    "status" TEXT NOT NULL DEFAULT 'issued',
    "issuedOn" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "subtotalVnd" BIGINT NOT NULL DEFAULT 0,
    "deductionsVnd" BIGINT NOT NULL DEFAULT 0,
    "totalVnd" BIGINT NOT NULL DEFAULT 0,
    "lotsHash" TEXT,
    "referencesId" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "issuedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoicePickup" (
    "invoiceId" TEXT NOT NULL,
    "pickupId" TEXT NOT NULL,

    CONSTRAINT "InvoicePickup_pkey" PRIMARY KEY ("invoiceId","pickupId")
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "id" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "lotId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "netG" BIGINT NOT NULL,
    "grade" TEXT NOT NULL,
    "unitPriceVnd" BIGINT NOT NULL,
    "amountVnd" BIGINT NOT NULL,

    CONSTRAINT "InvoiceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceDeduction" (
    "id" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amountVnd" BIGINT NOT NULL,
    "advanceId" TEXT,

    CONSTRAINT "InvoiceDeduction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "paidOn" TEXT NOT NULL,
    "amountVnd" BIGINT NOT NULL,
    "method" TEXT NOT NULL,
    "reference" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InputAdvance" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "contractId" TEXT,
    "item" TEXT NOT NULL,
    "quantity" DOUBLE PRECISION,
    "unit" TEXT,
    "valueVnd" BIGINT NOT NULL,
    "advancedOn" TEXT NOT NULL,
    "recoveryPlan" TEXT NOT NULL DEFAULT 'per_invoice_pct',
    "recoveryPct" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InputAdvance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupFundEntry" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "householdId" TEXT,
    "kind" TEXT NOT NULL,
    "amountVnd" BIGINT NOT NULL,
    "inKind" TEXT,
    "on" TEXT NOT NULL,
    "note" TEXT,
    "invoiceId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupFundEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PovertyRecord" (
    "id" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "certifiedOn" TEXT,
    "source" TEXT NOT NULL,
    "surveyId" TEXT,
    "note" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PovertyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyRound" (
    "id" TEXT NOT NULL,
    "projectOwnerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "heldOn" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdSurvey" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "surveyedOn" TEXT NOT NULL,
    "incomeCropsVnd" BIGINT NOT NULL DEFAULT 0,
    "incomeLivestockVnd" BIGINT NOT NULL DEFAULT 0,
    "incomeWagesVnd" BIGINT NOT NULL DEFAULT 0,
    "incomeBusinessVnd" BIGINT NOT NULL DEFAULT 0,
    "incomeOtherVnd" BIGINT NOT NULL DEFAULT 0,
    "povertyStatus" TEXT NOT NULL,
    "povertyCertifiedOn" TEXT NOT NULL,
    "membersMale" BIGINT NOT NULL,
    "membersFemale" BIGINT NOT NULL,
    "membersUnder16" BIGINT NOT NULL,
    "members16to60" BIGINT NOT NULL,
    "membersOver60" BIGINT NOT NULL,
    "participantsFemale" BIGINT NOT NULL DEFAULT 0,
    "participantsMale" BIGINT NOT NULL DEFAULT 0,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HouseholdSurvey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiaryEntry" (
    "id" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "on" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT,
    "productId" TEXT,
    "quantityKg" DOUBLE PRECISION,
    "days" DOUBLE PRECISION,
    "amountVnd" BIGINT,
    "priceVnd" BIGINT,
    "buyer" TEXT,
    "note" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DiaryEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectContribution" (
    "id" TEXT NOT NULL,
    "projectOwnerId" TEXT NOT NULL,
    "groupId" TEXT,
    "householdId" TEXT,
    "party" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "valueVnd" BIGINT NOT NULL,
    "on" TEXT NOT NULL,
    "description" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectContribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportText" (
    "id" TEXT NOT NULL,
    "projectOwnerId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportText_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TraceCode" (
    "code" TEXT NOT NULL,
    "pickupId" TEXT NOT NULL,
    "lotId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TraceCode_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "ProductGtin" (
    "buyerId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "gtin" TEXT NOT NULL,

    CONSTRAINT "ProductGtin_pkey" PRIMARY KEY ("buyerId","productId")
);

-- CreateTable
CREATE TABLE "Certification" (
    "id" TEXT NOT NULL,
    "groupId" TEXT,
    "orgId" TEXT,
    "scheme" TEXT NOT NULL,
    "schemeName" TEXT,
    "number" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "products" TEXT NOT NULL DEFAULT '[]',
    "areaHa" DOUBLE PRECISION,
    "membersCovered" BIGINT,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT NOT NULL,
    "fileName" TEXT,
    "fileMime" TEXT,
    "fileSize" BIGINT,
    "file" BYTEA,
    "createdById" TEXT,
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Certification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PickupCertification" (
    "pickupId" TEXT NOT NULL,
    "certificationId" TEXT NOT NULL,

    CONSTRAINT "PickupCertification_pkey" PRIMARY KEY ("pickupId","certificationId")
);

-- CreateTable
CREATE TABLE "CertificationReminder" (
    "certificationId" TEXT NOT NULL,
    "daysBefore" BIGINT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificationReminder_pkey" PRIMARY KEY ("certificationId","daysBefore")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
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
    "attempts" BIGINT NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "providerId" TEXT,
    "costVnd" BIGINT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" BIGSERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "httpStatus" BIGINT,
    "answer" TEXT,
    "durationMs" BIGINT,

    CONSTRAINT "DeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactPreference" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "householdId" TEXT,
    "smsPhone" TEXT,
    "smsPlain" BOOLEAN NOT NULL DEFAULT false,
    "zaloPhone" TEXT,
    "email" TEXT,
    "quietStart" TEXT,
    "quietEnd" TEXT,
    "events" TEXT,
    "consentAt" TIMESTAMP(3),
    "consentById" TEXT,
    "stoppedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactPreference_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "OpenInvitation_login_idx" ON "OpenInvitation"("login");

-- CreateIndex
CREATE INDEX "OpenInvitation_organisationId_idx" ON "OpenInvitation"("organisationId");

-- CreateIndex
CREATE INDEX "OpenInvitation_groupId_idx" ON "OpenInvitation"("groupId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_organisationId_idx" ON "ApiToken"("organisationId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

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
CREATE INDEX "FarmerGroup_province_commune_idx" ON "FarmerGroup"("province", "commune");

-- CreateIndex
CREATE INDEX "FarmerGroup_formerProvince_formerDistrict_idx" ON "FarmerGroup"("formerProvince", "formerDistrict");

-- CreateIndex
CREATE INDEX "FarmerGroup_communeCode_idx" ON "FarmerGroup"("communeCode");

-- CreateIndex
CREATE INDEX "FarmerGroup_projectOwnerId_idx" ON "FarmerGroup"("projectOwnerId");

-- CreateIndex
CREATE INDEX "FarmerGroup_projectRequestedId_idx" ON "FarmerGroup"("projectRequestedId");

-- CreateIndex
CREATE UNIQUE INDEX "Household_ref_key" ON "Household"("ref");

-- CreateIndex
CREATE INDEX "Household_groupId_idx" ON "Household"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "WitnessRota_groupId_on_householdId_key" ON "WitnessRota"("groupId", "on", "householdId");

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
CREATE INDEX "Contract_renewsId_idx" ON "Contract"("renewsId");

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
CREATE UNIQUE INDEX "ChainCheckpoint_hash_key" ON "ChainCheckpoint"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "ChainCheckpoint_contractId_n_key" ON "ChainCheckpoint"("contractId", "n");

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
CREATE INDEX "ContractHouseholdTotal_householdId_idx" ON "ContractHouseholdTotal"("householdId");

-- CreateIndex
CREATE INDEX "InvoiceTotal_contractId_cancelled_dueOn_amountVnd_keptVnd_p_idx" ON "InvoiceTotal"("contractId", "cancelled", "dueOn", "amountVnd", "keptVnd", "paidByDueVnd");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_ref_key" ON "Invoice"("ref");

-- CreateIndex
CREATE INDEX "Invoice_contractId_idx" ON "Invoice"("contractId");

-- CreateIndex
CREATE INDEX "Invoice_referencesId_idx" ON "Invoice"("referencesId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_buyerId_year_number_key" ON "Invoice"("buyerId", "year", "number");

-- CreateIndex
CREATE INDEX "InvoicePickup_pickupId_idx" ON "InvoicePickup"("pickupId");

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

-- CreateIndex
CREATE INDEX "PovertyRecord_householdId_certifiedOn_idx" ON "PovertyRecord"("householdId", "certifiedOn");

-- CreateIndex
CREATE INDEX "SurveyRound_projectOwnerId_heldOn_idx" ON "SurveyRound"("projectOwnerId", "heldOn");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyRound_projectOwnerId_name_key" ON "SurveyRound"("projectOwnerId", "name");

-- CreateIndex
CREATE INDEX "HouseholdSurvey_householdId_idx" ON "HouseholdSurvey"("householdId");

-- CreateIndex
CREATE UNIQUE INDEX "HouseholdSurvey_roundId_householdId_key" ON "HouseholdSurvey"("roundId", "householdId");

-- CreateIndex
CREATE INDEX "DiaryEntry_householdId_on_idx" ON "DiaryEntry"("householdId", "on");

-- CreateIndex
CREATE INDEX "ProjectContribution_projectOwnerId_on_idx" ON "ProjectContribution"("projectOwnerId", "on");

-- CreateIndex
CREATE INDEX "ProjectContribution_groupId_idx" ON "ProjectContribution"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportText_projectOwnerId_period_section_key" ON "ReportText"("projectOwnerId", "period", "section");

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

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenInvitation" ADD CONSTRAINT "OpenInvitation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenInvitation" ADD CONSTRAINT "OpenInvitation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenInvitation" ADD CONSTRAINT "OpenInvitation_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdminArea" ADD CONSTRAINT "AdminArea_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "AdminArea"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FarmerGroup" ADD CONSTRAINT "FarmerGroup_projectOwnerId_fkey" FOREIGN KEY ("projectOwnerId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WitnessRota" ADD CONSTRAINT "WitnessRota_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WitnessRota" ADD CONSTRAINT "WitnessRota_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Season" ADD CONSTRAINT "Season_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOffer" ADD CONSTRAINT "PurchaseOffer_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOffer" ADD CONSTRAINT "PurchaseOffer_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOffer" ADD CONSTRAINT "PurchaseOffer_seasonId_fkey" FOREIGN KEY ("seasonId") REFERENCES "Season"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferGrade" ADD CONSTRAINT "OfferGrade_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "PurchaseOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionPoint" ADD CONSTRAINT "CollectionPoint_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "PurchaseOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferAcceptance" ADD CONSTRAINT "OfferAcceptance_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "PurchaseOffer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferAcceptance" ADD CONSTRAINT "OfferAcceptance_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_seasonId_fkey" FOREIGN KEY ("seasonId") REFERENCES "Season"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "PurchaseOffer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_acceptanceId_fkey" FOREIGN KEY ("acceptanceId") REFERENCES "OfferAcceptance"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_renewsId_fkey" FOREIGN KEY ("renewsId") REFERENCES "Contract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractGrade" ADD CONSTRAINT "ContractGrade_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractAllocation" ADD CONSTRAINT "ContractAllocation_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractAllocation" ADD CONSTRAINT "ContractAllocation_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractEvent" ADD CONSTRAINT "ContractEvent_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pickup" ADD CONSTRAINT "Pickup_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChainCheckpoint" ADD CONSTRAINT "ChainCheckpoint_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickupWitness" ADD CONSTRAINT "PickupWitness_pickupId_fkey" FOREIGN KEY ("pickupId") REFERENCES "Pickup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickupWitness" ADD CONSTRAINT "PickupWitness_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lot" ADD CONSTRAINT "Lot_pickupId_fkey" FOREIGN KEY ("pickupId") REFERENCES "Pickup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lot" ADD CONSTRAINT "Lot_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lot" ADD CONSTRAINT "Lot_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lot" ADD CONSTRAINT "Lot_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "Lot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotDispute" ADD CONSTRAINT "LotDispute_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractTotal" ADD CONSTRAINT "ContractTotal_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractHouseholdTotal" ADD CONSTRAINT "ContractHouseholdTotal_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractHouseholdTotal" ADD CONSTRAINT "ContractHouseholdTotal_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceTotal" ADD CONSTRAINT "InvoiceTotal_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceCounter" ADD CONSTRAINT "InvoiceCounter_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_referencesId_fkey" FOREIGN KEY ("referencesId") REFERENCES "Invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoicePickup" ADD CONSTRAINT "InvoicePickup_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoicePickup" ADD CONSTRAINT "InvoicePickup_pickupId_fkey" FOREIGN KEY ("pickupId") REFERENCES "Pickup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceDeduction" ADD CONSTRAINT "InvoiceDeduction_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceDeduction" ADD CONSTRAINT "InvoiceDeduction_advanceId_fkey" FOREIGN KEY ("advanceId") REFERENCES "InputAdvance"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InputAdvance" ADD CONSTRAINT "InputAdvance_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InputAdvance" ADD CONSTRAINT "InputAdvance_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InputAdvance" ADD CONSTRAINT "InputAdvance_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InputAdvance" ADD CONSTRAINT "InputAdvance_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupFundEntry" ADD CONSTRAINT "GroupFundEntry_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupFundEntry" ADD CONSTRAINT "GroupFundEntry_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PovertyRecord" ADD CONSTRAINT "PovertyRecord_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyRound" ADD CONSTRAINT "SurveyRound_projectOwnerId_fkey" FOREIGN KEY ("projectOwnerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdSurvey" ADD CONSTRAINT "HouseholdSurvey_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SurveyRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdSurvey" ADD CONSTRAINT "HouseholdSurvey_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiaryEntry" ADD CONSTRAINT "DiaryEntry_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectContribution" ADD CONSTRAINT "ProjectContribution_projectOwnerId_fkey" FOREIGN KEY ("projectOwnerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectContribution" ADD CONSTRAINT "ProjectContribution_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectContribution" ADD CONSTRAINT "ProjectContribution_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportText" ADD CONSTRAINT "ReportText_projectOwnerId_fkey" FOREIGN KEY ("projectOwnerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TraceCode" ADD CONSTRAINT "TraceCode_pickupId_fkey" FOREIGN KEY ("pickupId") REFERENCES "Pickup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TraceCode" ADD CONSTRAINT "TraceCode_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductGtin" ADD CONSTRAINT "ProductGtin_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductGtin" ADD CONSTRAINT "ProductGtin_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certification" ADD CONSTRAINT "Certification_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certification" ADD CONSTRAINT "Certification_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickupCertification" ADD CONSTRAINT "PickupCertification_pickupId_fkey" FOREIGN KEY ("pickupId") REFERENCES "Pickup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickupCertification" ADD CONSTRAINT "PickupCertification_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificationReminder" ADD CONSTRAINT "CertificationReminder_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryAttempt" ADD CONSTRAINT "DeliveryAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "OutboxMessage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactPreference" ADD CONSTRAINT "ContactPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactPreference" ADD CONSTRAINT "ContactPreference_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

