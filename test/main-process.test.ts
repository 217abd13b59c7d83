/**
 * `npm start` as an operator runs it: the real entry point in a child process,
 * in an empty directory, with only a bot token (and the emulator as Telegram).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startOctopusFake } from "../src/providers/fakes/octopus/server.ts";
import { freePort } from "./support/free-ports.ts";
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

/** A started bot process: its output so far, and its exit. */
interface Run {
  child: ChildProcess;
  exited: Promise<{ code: number | null; stderr: string }>;
  stdout(): string;
  /** Resolves with stdout once `done` holds for it; rejects with the output after `timeoutMs`. */
  waitForOutput(done: (stdout: string) => boolean, timeoutMs?: number): Promise<string>;
}

/** Runs `command args…` (node with tsx's loader, or `script` around it for a terminal) in a fresh directory. */
function spawnIn(command: string, args: string[], env: Record<string, string>): Run {
  cwd = mkdtempSync(join(tmpdir(), "esim-main-"));
  const { PATH, HOME } = process.env;
  const proc = spawn(command, args, { cwd, env: { PATH, HOME, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  const listeners = new Set<() => void>();
  proc.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  proc.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const listener of listeners) listener();
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    proc.on("exit", (code) => resolve({ code, stderr })),
  );
  child = proc;
  return {
    child: proc,
    exited,
    stdout: () => stdout,
    waitForOutput: (done, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!done(stdout)) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(stdout);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`waited ${timeoutMs} ms; stdout so far:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
  };
}

function start(env: Record<string, string>): Run {
  return spawnIn(process.execPath, ["--import", TSX_LOADER, MAIN], env);
}

/** stdout's JSON log lines, parsed. */
/** A warning about the API root; others may come too (e.g. DASHBOARD_PORT 8080 held by another process on the machine). */
function aboutApiRoot(record: Record<string, unknown>): boolean {
  return record.level === 40 && "apiRoot" in record;
}

function records(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
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

    // Not a terminal: JSON lines, the first of which say what the shop runs on.
    const logs = records(run.stdout());
    expect(logs[0]).toMatchObject({
      msg: `starting: SQLite ${join(cwd!, "data", "esim.db")}, provider sandbox, prices in XTR`,
      database: `SQLite ${join(cwd!, "data", "esim.db")}`,
      provider: "sandbox",
      currency: "XTR",
    });
    expect(logs.find((record) => record.msg === "signed in to Telegram as @esim_test_bot")).toBeDefined();
    expect(run.stdout()).not.toContain(TOKEN.split(":")[1]);

    // The command menu, in the default scope and per language.
    expect(emulator.commands().map((command) => command.command)).toEqual(["buy", "mysims", "language", "help", "cancel"]);
    expect(emulator.commands(undefined, "ru")[0]).toEqual({ command: "buy", description: "Купить eSIM" });
    expect(emulator.commands(undefined, "es")[0]).toEqual({ command: "buy", description: "Comprar una eSIM" });

    run.child.kill("SIGTERM");
    const { code } = await run.exited;
    expect(code).toBe(0);
  });

  it("stops with one line when Telegram refuses the token", async () => {
    emulator = await startTelegramEmulator({ token: TOKEN });
    const refused = "7000000002:AAE-a-token-telegram-does-not-know";
    const run = start({ BOT_TOKEN: refused, TELEGRAM_API_ROOT: emulator.apiRoot, SANDBOX_PORT: "0" });
    const { code, stderr } = await run.exited;
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      "Configuration error: BOT_TOKEN is refused by Telegram: check the token with @BotFather (/mybots → API Token)",
    ]);
    expect(run.stdout() + stderr).not.toContain(refused.split(":")[1]);
    expect(emulator.callsTo("getUpdates")).toHaveLength(0);
  });

  it("waits for an unreachable Telegram with a warning per try naming the API root and the next try, and stops on SIGTERM", async () => {
    const apiRoot = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const run = start({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, SANDBOX_PORT: "0" });
    const warnings = () => records(run.stdout()).filter(aboutApiRoot);
    await run.waitForOutput(() => warnings().length >= 2);
    const [first, second] = warnings();
    expect(first).toMatchObject({ apiRoot, attempt: 1, reason: "ECONNREFUSED" });
    expect(first!.msg).toBe(`Telegram is not reachable at ${apiRoot} (ECONNREFUSED); trying again at ${String(first!.retryAt)}`);
    // 1 s, then 2 s: the next try is announced, later each time.
    expect(Date.parse(String(second!.retryAt)) - Number(second!.time)).toBeGreaterThanOrEqual(1_900);
    expect(run.stdout()).not.toContain(TOKEN.split(":")[1]);

    run.child.kill("SIGTERM");
    const { code, stderr } = await run.exited;
    expect(code).toBe(0);
    expect(stderr).toBe("");
  });

  it("says so when TELEGRAM_API_ROOT answers but is not the Bot API", async () => {
    const notTelegram = createHttpServer((_request, response) => {
      response.writeHead(404, { "content-type": "application/json" }).end('{"ok":false,"error_code":404,"description":"Not Found"}');
    });
    await new Promise<void>((resolve) => notTelegram.listen(0, "127.0.0.1", resolve));
    const apiRoot = `http://127.0.0.1:${(notTelegram.address() as { port: number }).port}/wrong`;
    try {
      const run = start({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, SANDBOX_PORT: "0" });
      await run.waitForOutput(() => records(run.stdout()).some(aboutApiRoot));
      const warning = records(run.stdout()).find(aboutApiRoot);
      expect(warning).toMatchObject({ apiRoot, reason: "404: Not Found" });
      run.child.kill("SIGTERM");
      expect((await run.exited).code).toBe(0);
    } finally {
      notTelegram.closeAllConnections();
      await new Promise((resolve) => notTelegram.close(resolve));
    }
  });

  it("prints human-readable lines on a terminal", async () => {
    emulator = await startTelegramEmulator({ token: TOKEN });
    const command = `${process.execPath} --import ${TSX_LOADER} ${MAIN}`;
    // util-linux `script` runs the bot on a pseudo-terminal, as `npm start` in a shell does.
    const run = spawnIn("script", ["-qfec", command, "/dev/null"], { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot, SANDBOX_PORT: "0" });
    const output = await run.waitForOutput((stdout) => stdout.includes("bot started"));
    const plain = stripVTControlCharacters(output);
    expect(plain).toMatch(/INFO.*: starting: SQLite .*esim\.db, provider sandbox, prices in XTR/);
    expect(plain).toMatch(/INFO.*: signed in to Telegram as @esim_test_bot/);
    expect(plain.split("\n").some((line) => line.trim().startsWith("{"))).toBe(false);
    run.child.kill("SIGTERM");
    await run.exited;
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
