-- AlterTable: a top-up is an order that points at the eSIM it tops up.
ALTER TABLE "Order" ADD COLUMN "topUpEsimId" TEXT REFERENCES "Esim" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Order_topUpEsimId_idx" ON "Order"("topUpEsimId");
