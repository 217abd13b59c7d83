/** The record of every Bot API call the emulator received, and waiting for one. */
import type { ApiResponse } from "./api-error.ts";
import type { ChangeSignal } from "./change-signal.ts";
import type { JsonObject } from "./params.ts";

/** A file uploaded in a multipart request. */
export interface UploadedFile {
  bytes: Buffer;
  fileName?: string;
  contentType?: string;
}

/** One Bot API call. */
export interface RecordedCall {
  /** Position in `calls`; pass `index + 1` as `since` to wait for a later call. */
  index: number;
  /** Canonical method name (Telegram method names are case-insensitive). */
  method: string;
  /** Parameters as a JSON request would carry them; uploads stay "attach://…" strings. */
  params: JsonObject;
  /** Uploaded files by parameter name, e.g. `files.photo`. */
  files: Record<string, UploadedFile>;
  at: Date;
  /** What the emulator answered; undefined while a long poll is held and when the connection was dropped. */
  response?: ApiResponse;
  /** Set when a fault answered the call: `failNext`, or a `loseOnFetch` update dropping a getUpdates answer. */
  fault?: CallFault;
}

/** How an injected fault answered a call. */
export interface CallFault {
  /** The call was handled (its effect happened) before the fault answered. */
  applied: boolean;
  /** The connection was closed without an answer. */
  dropped: boolean;
}

/** Filters calls in {@link CallLog.waitForCall}. */
export type CallPredicate = (call: RecordedCall) => boolean;

/** Where and how long to wait for a call. */
export interface WaitForCallOptions {
  /** Only calls with `index >= since` count; 0 (every call so far) by default. Take it from `mark()`. */
  since?: number;
  /** 5000 by default. */
  timeoutMs?: number;
}

/** The ordered log of calls. */
export class CallLog {
  readonly #calls: RecordedCall[] = [];

  /** @param signal notified on every new or completed call */
  constructor(private readonly signal: ChangeSignal) {}

  /** Every call so far, oldest first. */
  get all(): readonly RecordedCall[] {
    return this.#calls;
  }

  /** The index the next call will get. */
  mark(): number {
    return this.#calls.length;
  }

  /** Records an incoming call. */
  record(method: string, params: JsonObject, files: Record<string, UploadedFile>): RecordedCall {
    const call: RecordedCall = { index: this.#calls.length, method, params, files, at: new Date() };
    this.#calls.push(call);
    this.signal.notify();
    return call;
  }

  /** Stores the answer to a recorded call (`fault` when an injected fault gave it). */
  complete(call: RecordedCall, response: ApiResponse, fault?: CallFault): void {
    call.response = response;
    if (fault) call.fault = fault;
    this.signal.notify();
  }

  /** Notes that the call's connection was dropped without an answer. */
  drop(call: RecordedCall, applied: boolean): void {
    call.fault = { applied, dropped: true };
    this.signal.notify();
  }

  /** Calls to one method, oldest first. */
  callsTo(method: string): RecordedCall[] {
    return this.#calls.filter((call) => call.method === method);
  }

  /** The first call to `method` (at or after `since`) that matches `predicate`. */
  find(method: string, predicate: CallPredicate | undefined, since = 0): RecordedCall | undefined {
    return this.#calls.find(
      (call) => call.index >= since && call.method === method && (predicate === undefined || predicate(call)),
    );
  }

  /** Resolves with the first matching call, already recorded or yet to come; rejects listing recent calls on timeout. */
  waitForCall(method: string, predicate?: CallPredicate, options: WaitForCallOptions = {}): Promise<RecordedCall> {
    const since = options.since ?? 0;
    const timeoutMs = options.timeoutMs ?? 5000;
    return this.signal.waitFor(
      () => this.find(method, predicate, since),
      timeoutMs,
      () =>
        new Error(
          `No ${predicate ? "matching " : ""}call to ${method} (since #${since}) within ${timeoutMs} ms.\n` +
            `Recent calls:\n${this.describeRecent()}`,
        ),
    );
  }

  /** The last calls (except getUpdates) in a readable form, for failure messages. */
  describeRecent(count = 15): string {
    const recent = this.#calls.filter((call) => call.method !== "getUpdates").slice(-count);
    if (recent.length === 0) return "  (none besides getUpdates)";
    return recent.map(describeCall).join("\n");
  }
}

function describeCall(call: RecordedCall): string {
  const params = JSON.stringify(call.params);
  const shown = params.length > 160 ? `${params.slice(0, 157)}...` : params;
  return `  #${call.index} ${call.method} ${shown} -> ${describeOutcome(call)}`;
}

function describeOutcome(call: RecordedCall): string {
  const applied = call.fault?.applied ? "applied, then " : "";
  if (call.fault?.dropped) return `${applied}connection dropped`;
  if (call.response === undefined) return "pending";
  if (call.response.ok) return "ok";
  const injected = call.fault ? " (injected)" : "";
  return `${applied}${call.response.error_code} ${call.response.description}${injected}`;
}
