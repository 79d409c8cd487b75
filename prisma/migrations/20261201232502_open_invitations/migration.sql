-- CreateTable
CREATE TABLE "OpenInvitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "login" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisationId" TEXT,
    "groupId" TEXT,
    "householdId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OpenInvitation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OpenInvitation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FarmerGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OpenInvitation_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OpenInvitation_login_idx" ON "OpenInvitation"("login");

-- CreateIndex
CREATE INDEX "OpenInvitation_organisationId_idx" ON "OpenInvitation"("organisationId");

-- CreateIndex
CREATE INDEX "OpenInvitation_groupId_idx" ON "OpenInvitation"("groupId");

