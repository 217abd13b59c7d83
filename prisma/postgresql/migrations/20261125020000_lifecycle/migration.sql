-- AlterTable
ALTER TABLE "User" ADD COLUMN     "blockedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Esim" ADD COLUMN     "lastPolledAt" TIMESTAMP(3),
ADD COLUMN     "period" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pollLeaseUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "esimId" TEXT NOT NULL,
    "userId" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_status_nextAttemptAt_idx" ON "Notification"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_esimId_kind_period_key" ON "Notification"("esimId", "kind", "period");

-- CreateIndex
CREATE INDEX "Esim_status_pollLeaseUntil_idx" ON "Esim"("status", "pollLeaseUntil");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_esimId_fkey" FOREIGN KEY ("esimId") REFERENCES "Esim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
