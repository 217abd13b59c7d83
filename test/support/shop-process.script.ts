/**
 * The shop as `npm start` runs it (createApp from src/app.ts, configured from
 * the environment), run as a child process by tests that kill it with
 * SIGKILL. Test-only knobs come from the environment, since main.ts has
 * none: TEST_MESSAGES_PER_SECOND (the background send rate; the emulator has
 * no limits), TEST_BROADCAST_LEASE_MS (how soon a dead process' claimed
 * broadcast sends count as abandoned) and TEST_UPDATE_LEASE_MS (how soon a
 * dead process' claimed webhook updates are taken over; TEST_FULFILMENT_LEASE_MS,
 * TEST_REFUND_LEASE_MS and TEST_LEDGER_LEASE_MS likewise for its fulfilment
 * jobs, refund intents and Star ledger reading). Logs go to stderr;
 * "started" is printed on stdout once polling (or the webhook) runs, and
 * "stopped" once a SIGTERM has stopped everything.
 */
import { pino } from "pino";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";

const knob = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
const leaseMs = knob("TEST_BROADCAST_LEASE_MS");
const updateLeaseMs = knob("TEST_UPDATE_LEASE_MS");
const config = parseConfig(process.env);
const app = await createApp(config, {
  log: pino({ level: config.logLevel }, pino.destination(2)),
  backgroundMessagesPerSecond: knob("TEST_MESSAGES_PER_SECOND"),
  ...(leaseMs === undefined ? {} : { broadcastSender: { leaseMs } }),
  ...(updateLeaseMs === undefined ? {} : { updateWorkers: { leaseMs: updateLeaseMs } }),
  fulfilmentLeaseMs: knob("TEST_FULFILMENT_LEASE_MS"),
  refundLeaseMs: knob("TEST_REFUND_LEASE_MS"),
  ledgerLeaseMs: knob("TEST_LEDGER_LEASE_MS"),
});
process.once("SIGTERM", () => {
  void app.stop().then(() => {
    process.stdout.write("stopped\n");
    process.exit(0);
  });
});
await app.start();
process.stdout.write(`started ${app.webhookUrl ?? ""}\n`);
