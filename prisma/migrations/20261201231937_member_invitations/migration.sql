-- AlterTable
ALTER TABLE "Membership" ADD COLUMN "acceptedAt" DATETIME;
ALTER TABLE "Membership" ADD COLUMN "invitedLogin" TEXT;


-- Every membership made before invitations existed was granted by the app itself: accepted.
UPDATE "Membership" SET "acceptedAt" = "createdAt" WHERE "acceptedAt" IS NULL;
