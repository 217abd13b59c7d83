/**
 * `npm start` as an operator runs it: the real entry point in a child process,
 * in an empty directory, with only a bot token (and the emulator as Telegram).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startOctopusFake } from "../src/providers/fakes/octopus/server.ts";
import { startTelegramEmulator, type TelegramEmulator } from "./support/telegram/emulator.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MAIN = join(ROOT, "src", "main.ts");
// As `npm start` runs it: node itself with tsx's loader, so signals reach the bot directly.
const TSX_LOADER = pathToFileURL(join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
const TOKEN = "7000000002:AAE-test-token-for-main-process";

let child: ChildProcess | undefined;
let emulator: TelegramEmulator | undefined;
let cwd: string | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await emulator?.close();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
  child = emulator = cwd = undefined;
});

function start(env: Record<string, string>): { child: ChildProcess; exited: Promise<{ code: number | null; stderr: string }> } {
  cwd = mkdtempSync(join(tmpdir(), "esim-main-"));
  const { PATH, HOME } = process.env;
  const proc = spawn(process.execPath, ["--import", TSX_LOADER, MAIN], { cwd, env: { PATH, HOME, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  proc.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  proc.stdout!.resume();
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    proc.on("exit", (code) => resolve({ code, stderr })),
  );
  child = proc;
  return { child: proc, exited };
}

describe("the bot process", () => {
  it("starts with only BOT_TOKEN: creates and migrates the SQLite file, serves users, stops on SIGTERM", async () => {
    emulator = await startTelegramEmulator({ token: TOKEN });
    // SANDBOX_PORT=0 only so parallel test files never fight over 8787.
    const run = start({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot, SANDBOX_PORT: "0" });
    const user = emulator.user({ first_name: "Olga", language_code: "en" });
    user.send("/start");
    await user.waitForMessage("Hi, Olga", { timeoutMs: 20_000 });
    user.send("/buy");
    await user.waitForMessage("Where are you travelling?", { timeoutMs: 10_000 });
    expect(existsSync(join(cwd!, "data", "esim.db"))).toBe(true);
    expect(existsSync(join(cwd!, "data", "sandbox.db"))).toBe(true);

    run.child.kill("SIGTERM");
    const { code } = await run.exited;
    expect(code).toBe(0);
  });

  it("stops with one line naming the variable when the configuration is wrong", async () => {
    const run = start({ BOT_TOKEN: "not-a-token" });
    const { code, stderr } = await run.exited;
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual(["Configuration error: BOT_TOKEN expected a bot token like 123456:ABC-DEF… from @BotFather"]);
  });

  it("stops with one line when the provider refuses the API key", async () => {
    emulator = await startTelegramEmulator({ token: TOKEN });
    const octopus = await startOctopusFake({ port: 0, apiKey: "the-right-key" });
    try {
      const run = start({
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        ESIM_PROVIDER: "octopus",
        PROVIDER_BASE_URL: octopus.url,
        PROVIDER_API_KEY: "a-wrong-key",
      });
      const { code, stderr } = await run.exited;
      expect(code).toBe(1);
      const lines = stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Configuration error: PROVIDER_API_KEY is refused by the provider: .*refused the API key/);
      expect(stderr).not.toContain("a-wrong-key");
    } finally {
      await octopus.close();
    }
  });

  it("stops with one line when WEBHOOK_PORT is taken, and one when its secret is missing", async () => {
    emulator = await startTelegramEmulator({ token: TOKEN });
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, "0.0.0.0", resolve));
    const port = String((squatter.address() as { port: number }).port);
    try {
      const run = start({
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        SANDBOX_PORT: "0",
        WEBHOOK_PORT: port,
        PROVIDER_WEBHOOK_SECRET: "main-process-secret-0123",
      });
      const { code, stderr } = await run.exited;
      expect(code).toBe(1);
      expect(stderr.trim().split("\n")).toEqual([`Configuration error: WEBHOOK_PORT ${port} is already in use by another process`]);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    rmSync(cwd!, { recursive: true, force: true });

    const missing = start({ BOT_TOKEN: TOKEN, WEBHOOK_PORT: "8443" });
    const { code, stderr } = await missing.exited;
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      "Configuration error: PROVIDER_WEBHOOK_SECRET is required when WEBHOOK_PORT is set: webhooks are signed with it",
    ]);
  });
});
