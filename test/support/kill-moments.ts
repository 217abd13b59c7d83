/**
 * Moments to SIGKILL the shop at, for the crash test: some random delay, or
 * one of the windows where money is in flight, each seen on the Telegram
 * emulator's side:
 * - payment-batch-confirmed: a getUpdates answer carried a
 *   successful_payment and the bot has just asked for the next batch, which
 *   confirms it (the grammY runner fetches the next batch while it handles
 *   this one): killed between confirming the batch and handling it;
 * - upstream-order-made: the sandbox provider has just made an order or a
 *   top-up (seen by polling its control API), the shop not yet told;
 * - esim-sent: a QR went out, the order not yet recorded as delivered;
 * - refund-made: Telegram refunded, the refund not yet recorded.
 * A moment that does not come within `fallbackMs` gives way to a kill then.
 */
import type { SandboxControl } from "./sandbox-control.ts";
import type { RecordedCall } from "./telegram/call-log.ts";
import type { TelegramEmulator } from "./telegram/emulator.ts";
import type { SeededRandom } from "./seeded-random.ts";

export const KILL_MOMENTS = ["after-a-while", "payment-batch-confirmed", "upstream-order-made", "esim-sent", "refund-made"] as const;
/** One of KILL_MOMENTS. */
export type KillMoment = (typeof KILL_MOMENTS)[number];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Where the moments are seen. */
export interface Observed {
  emulator: TelegramEmulator;
  sandbox: SandboxControl;
}

/** Resolves when `moment` comes (true), or after `fallbackMs` (false). */
export async function waitForKillMoment({ emulator, sandbox }: Observed, moment: KillMoment, random: SeededRandom, fallbackMs: number): Promise<boolean> {
  if (moment === "after-a-while") {
    await sleep(random.int(200, fallbackMs));
    return true;
  }
  if (moment === "upstream-order-made") return upstreamGrows(sandbox, fallbackMs);
  let stop = () => {};
  const came = new Promise<true>((resolve) => {
    stop = emulator.onCall((call) => {
      if (!isMoment(moment, call)) return;
      if (moment !== "payment-batch-confirmed") return resolve(true);
      // The next getUpdates request confirms the batch (it is recorded as it arrives, before any answer).
      void emulator.waitForCall("getUpdates", undefined, { since: call.index + 1, timeoutMs: fallbackMs }).then(() => resolve(true), () => undefined);
    });
  });
  try {
    return await Promise.race([came, sleep(fallbackMs).then(() => false)]);
  } finally {
    stop();
  }
}

function isMoment(moment: KillMoment, call: RecordedCall): boolean {
  const response = call.response;
  if (!response?.ok) return false;
  if (moment === "esim-sent") return call.method === "sendPhoto";
  if (moment === "refund-made") return call.method === "refundStarPayment";
  if (call.method !== "getUpdates" || !Array.isArray(response.result)) return false;
  return (response.result as Array<{ message?: { successful_payment?: unknown } }>).some((update) => update.message?.successful_payment !== undefined);
}

/** Polls the sandbox every 10 ms until it holds one more order or top-up than when called: true, or false after `fallbackMs`. */
async function upstreamGrows(sandbox: SandboxControl, fallbackMs: number): Promise<boolean> {
  const count = async () => (await sandbox.orders()).length + (await sandbox.topUps()).length;
  const before = await count();
  const until = Date.now() + fallbackMs;
  while (Date.now() < until) {
    if ((await count()) > before) return true;
    await sleep(10);
  }
  return false;
}
