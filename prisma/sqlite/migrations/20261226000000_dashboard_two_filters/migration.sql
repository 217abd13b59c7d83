-- CreateIndex: the orders page filtered by status and destination together (e.g. delivered to Japan): its count and
-- its newest-first page read this index alone instead of every row of one filter's index.
CREATE INDEX "Order_status_destinationCode_createdAt_idx" ON "Order"("status", "destinationCode", "createdAt");
