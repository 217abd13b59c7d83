-- AlterTable
ALTER TABLE "User" ADD COLUMN "blockedAt" DATETIME;

-- AlterTable
ALTER TABLE "Esim" ADD COLUMN "lastPolledAt" DATETIME;
ALTER TABLE "Esim" ADD COLUMN "period" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Esim" ADD COLUMN "pollLeaseUntil" DATETIME;

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "esimId" TEXT NOT NULL,
    "userId" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "sentAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Notification_esimId_fkey" FOREIGN KEY ("esimId") REFERENCES "Esim" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Notification_status_nextAttemptAt_idx" ON "Notification"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_esimId_kind_period_key" ON "Notification"("esimId", "kind", "period");

-- CreateIndex
CREATE INDEX "Esim_status_pollLeaseUntil_idx" ON "Esim"("status", "pollLeaseUntil");
