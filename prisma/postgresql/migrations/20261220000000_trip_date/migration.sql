-- AlterTable: the day the traveller leaves (midnight UTC), for the pre-trip reminders; null when not given.
ALTER TABLE "Esim" ADD COLUMN "tripDate" TIMESTAMP(3);

-- CreateIndex: the reminders look eSIMs up by trip date.
CREATE INDEX "Esim_tripDate_idx" ON "Esim"("tripDate");
