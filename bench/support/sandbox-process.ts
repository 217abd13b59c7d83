/**
 * The sandbox provider in its own process, so a benchmark's numbers are not
 * skewed by the sandbox sharing the shop's event loop. Prints its URL.
 * Usage: tsx bench/support/sandbox-process.ts <dbPath>
 */
import { startSandboxServer } from "../../src/providers/fakes/giapi-sandbox/server.ts";

const dbPath = process.argv[2];
if (!dbPath) throw new Error("usage: sandbox-process.ts <dbPath>");
const sandbox = await startSandboxServer({ port: 0, dbPath });
process.stdout.write(`${sandbox.url}\n`);
process.on("SIGTERM", () => void sandbox.close().then(() => process.exit(0)));
