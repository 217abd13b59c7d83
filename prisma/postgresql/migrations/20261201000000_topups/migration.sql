-- AlterTable: a top-up is an order that points at the eSIM it tops up.
ALTER TABLE "Order" ADD COLUMN "topUpEsimId" TEXT;

-- CreateIndex
CREATE INDEX "Order_topUpEsimId_idx" ON "Order"("topUpEsimId");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_topUpEsimId_fkey" FOREIGN KEY ("topUpEsimId") REFERENCES "Esim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
