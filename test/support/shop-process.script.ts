/**
 * The shop as `npm start` runs it (createApp from src/app.ts, configured from
 * the environment), run as a child process by tests that kill it with
 * SIGKILL. Two test-only knobs come from the environment, since main.ts has
 * none: TEST_MESSAGES_PER_SECOND (the background send rate; the emulator has
 * no limits) and TEST_BROADCAST_LEASE_MS (how soon a dead process' claimed
 * broadcast sends count as abandoned). Logs go to stderr; "started" is
 * printed on stdout once polling runs.
 */
import { pino } from "pino";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";

const knob = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
const leaseMs = knob("TEST_BROADCAST_LEASE_MS");
const config = parseConfig(process.env);
const app = await createApp(config, {
  log: pino({ level: config.logLevel }, pino.destination(2)),
  backgroundMessagesPerSecond: knob("TEST_MESSAGES_PER_SECOND"),
  ...(leaseMs === undefined ? {} : { broadcastSender: { leaseMs } }),
});
await app.start();
process.stdout.write("started\n");
