-- CreateTable: Telegram updates received by webhook, queued before Telegram is answered.
CREATE TABLE "InboundUpdate" (
    "updateId" BIGINT NOT NULL,
    "chatKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "handledAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboundUpdate_pkey" PRIMARY KEY ("updateId")
);

-- CreateIndex: at most one update of a chat is being handled, whichever instance claims it.
CREATE UNIQUE INDEX "InboundUpdate_chatKey_key" ON "InboundUpdate"("chatKey") WHERE "status" = 'processing';

-- CreateIndex
CREATE INDEX "InboundUpdate_status_updateId_idx" ON "InboundUpdate"("status", "updateId");

-- CreateIndex
CREATE INDEX "InboundUpdate_chatKey_updateId_idx" ON "InboundUpdate"("chatKey", "updateId");
