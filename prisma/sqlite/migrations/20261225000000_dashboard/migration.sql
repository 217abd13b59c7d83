-- AlterTable: the upstream provider of new orders, for the dashboard's provider filter.
ALTER TABLE "Order" ADD COLUMN "provider" TEXT;

-- CreateTable: one-time dashboard sign-in links (only their tokens' SHA-256).
CREATE TABLE "DashboardSignIn" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "operatorId" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateTable: signed-in dashboard browsers (only their cookies' SHA-256).
CREATE TABLE "DashboardSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "operatorId" BIGINT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "DashboardSignIn_expiresAt_idx" ON "DashboardSignIn"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "DashboardSession_tokenHash_key" ON "DashboardSession"("tokenHash");

-- CreateIndex
CREATE INDEX "DashboardSession_operatorId_idx" ON "DashboardSession"("operatorId");

-- CreateIndex: the dashboard's orders page filters and sorts 100,000 orders by these.
CREATE INDEX "Order_createdAt_idx" ON "Order"("createdAt");

-- CreateIndex
CREATE INDEX "Order_status_createdAt_idx" ON "Order"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Order_destinationCode_createdAt_idx" ON "Order"("destinationCode", "createdAt");

-- CreateIndex
CREATE INDEX "Order_provider_createdAt_idx" ON "Order"("provider", "createdAt");

-- CreateIndex: the orders page sorted by price.
CREATE INDEX "Order_amount_createdAt_idx" ON "Order"("amount", "createdAt");

-- CreateIndex: the overview finds the days whose orders changed since it last looked.
CREATE INDEX "Order_updatedAt_idx" ON "Order"("updatedAt");

-- CreateIndex: covers the overview's aggregates (per day, top destinations, delivery times), so they read the index alone.
CREATE INDEX "Order_overview_idx" ON "Order"("paidAt", "status", "currency", "amount", "costUsdCents", "destinationCode", "deliveredAt");
