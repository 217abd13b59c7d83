/**
 * `npm run reconcile`: the operator's read-only reconcile report (see
 * ./reconcile-run.ts). Reads `.env` when present, like the bot.
 */
import { existsSync } from "node:fs";
import { runReconcile } from "./reconcile-run.ts";

if (existsSync(".env")) process.loadEnvFile(".env");
process.exitCode = await runReconcile(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
