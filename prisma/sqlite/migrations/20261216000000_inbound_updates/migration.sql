-- CreateTable: Telegram updates received by webhook, queued before Telegram is answered.
CREATE TABLE "InboundUpdate" (
    "updateId" BIGINT NOT NULL PRIMARY KEY,
    "chatKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" DATETIME,
    "receivedAt" DATETIME NOT NULL,
    "handledAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex: at most one update of a chat is being handled.
CREATE UNIQUE INDEX "InboundUpdate_chatKey_key" ON "InboundUpdate"("chatKey") WHERE "status" = 'processing';

-- CreateIndex
CREATE INDEX "InboundUpdate_status_updateId_idx" ON "InboundUpdate"("status", "updateId");

-- CreateIndex
CREATE INDEX "InboundUpdate_chatKey_updateId_idx" ON "InboundUpdate"("chatKey", "updateId");
