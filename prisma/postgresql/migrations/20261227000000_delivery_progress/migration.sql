-- AlterTable: how many of a delivery's messages Telegram has accepted, recorded after each one,
-- so that a retried (or, after a crash, re-claimed) delivery sends only the messages still missing.
ALTER TABLE "FulfilmentJob" ADD COLUMN "messagesSent" INTEGER NOT NULL DEFAULT 0;
