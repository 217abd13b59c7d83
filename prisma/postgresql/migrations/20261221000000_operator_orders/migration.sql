-- AlterTable: the Telegram @username (lower case, without @), for the operator's look-up; null when the user has none.
ALTER TABLE "User" ADD COLUMN "username" TEXT;

-- AlterTable: when an operator marked the order's problem resolved (the note is in the audit log).
ALTER TABLE "Order" ADD COLUMN "resolvedAt" TIMESTAMP(3);

-- CreateIndex: the look-up finds users by username.
CREATE INDEX "User_username_idx" ON "User"("username");

-- CreateIndex: sales read orders by when they were paid, delivered and refunded; needs attention by status.
CREATE INDEX "Order_paidAt_idx" ON "Order"("paidAt");
CREATE INDEX "Order_deliveredAt_idx" ON "Order"("deliveredAt");
CREATE INDEX "Order_refundedAt_idx" ON "Order"("refundedAt");
CREATE INDEX "Order_status_idx" ON "Order"("status");
