/**
 * The shop as `npm start` runs it, in a child process (shop-process.script.ts),
 * for tests that kill it with SIGKILL and start it again on the same
 * database. Resolves once it polls (or serves its webhook).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = join(ROOT, "test", "support", "shop-process.script.ts");
const TSX_LOADER = pathToFileURL(join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;

/** A running shop process. */
export interface ShopChild {
  readonly child: ChildProcess;
  /** The last 20,000 characters it wrote to stderr (its log). */
  stderr(): string;
  /** SIGKILL, resolved once the process is gone (so a restart never overlaps it). */
  kill(): Promise<void>;
  /** SIGTERM (a graceful stop), resolved once it exited. */
  stop(): Promise<void>;
}

/** Starts the shop with exactly `env` (plus PATH and HOME) in `cwd`; `onLog` hears everything it writes to stderr. */
export function startShopChild(env: Record<string, string>, cwd: string, onLog?: (text: string) => void): Promise<ShopChild> {
  const { PATH, HOME } = process.env;
  const child = spawn(process.execPath, ["--import", TSX_LOADER, SCRIPT], { cwd, env: { PATH, HOME, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
    onLog?.(chunk.toString());
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  const shop: ShopChild = { child, stderr: () => stderr, kill: () => signal("SIGKILL"), stop: () => signal("SIGTERM") };
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("started")) resolve(shop);
    });
    child.once("exit", (code, name) => reject(new Error(`the shop exited (${code ?? name}) before starting:\n${stderr}`)));
  });
}
