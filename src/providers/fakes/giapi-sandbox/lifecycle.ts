/**
 * The sandbox eSIM and its lifecycle (the seed's Issued → Active → Topped Up
 * → Expired) as pure functions: each takes an eSIM and the current time and
 * returns the next state, so the routes only load, apply and save.
 */
import type { EsimStatus } from "../../../domain/order.ts";

/** One ordered eSIM with its order (the sandbox sells one eSIM per order). */
export interface SandboxEsim {
  orderId: string;
  externalOrderId: string;
  planId: string;
  /** ISO timestamp. */
  createdAt: string;
  iccid: string;
  /** SM-DP+ host. */
  smdpAddress: string;
  /** The activation (matching) id after the host in the LPA string. */
  matchingId: string;
  status: EsimStatus;
  /** Allowance including top-ups. */
  dataMb: number;
  /** Validity after activation, including top-ups. */
  validityDays: number;
  usedMb: number;
  activatedAt: string | null;
  expiresAt: string | null;
}

/** A transition refused because the eSIM has already expired. */
export interface ExpiredRefusal {
  ok: false;
  code: "esim_expired";
}

/** The outcome of a transition. */
export type Transition = { ok: true; esim: SandboxEsim } | ExpiredRefusal;

const DAY_MS = 86_400_000;
const EXPIRED: ExpiredRefusal = { ok: false, code: "esim_expired" };

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

/** The eSIM as of `now`: an active one whose validity has run out reads as expired. */
export function currentState(esim: SandboxEsim, now: Date): SandboxEsim {
  const running = esim.status === "active" || esim.status === "topped_up";
  if (running && esim.expiresAt !== null && Date.parse(esim.expiresAt) <= now.getTime()) {
    return { ...esim, status: "expired" };
  }
  return esim;
}

/** The device connects: validity starts now. Activating an active eSIM changes nothing. */
export function activate(esim: SandboxEsim, now: Date): Transition {
  const current = currentState(esim, now);
  if (current.status === "expired") return EXPIRED;
  if (current.status !== "issued") return { ok: true, esim: current };
  const activatedAt = now.toISOString();
  return {
    ok: true,
    esim: { ...current, status: "active", activatedAt, expiresAt: addDays(activatedAt, current.validityDays) },
  };
}

/**
 * Sets the total data used so far. Using data means the device connected,
 * so an issued eSIM activates first; using it all up expires it. An expired
 * eSIM keeps its status but still records the figure.
 */
export function recordUsage(esim: SandboxEsim, usedMb: number, now: Date): SandboxEsim {
  const current = currentState(esim, now);
  const started = current.status === "issued" && usedMb > 0 ? activate(current, now) : { ok: true as const, esim: current };
  const base = started.ok ? started.esim : current;
  const exhausted = usedMb >= base.dataMb;
  return { ...base, usedMb, status: exhausted ? "expired" : base.status };
}

/** Ends the eSIM now, whatever its state. */
export function expire(esim: SandboxEsim, now: Date): SandboxEsim {
  const current = currentState(esim, now);
  if (current.status === "expired") return current;
  const endedEarlier = current.expiresAt !== null && Date.parse(current.expiresAt) < now.getTime();
  const expiresAt = endedEarlier ? current.expiresAt : now.toISOString();
  return { ...current, status: "expired", expiresAt };
}

/**
 * Adds data and validity. A running eSIM becomes "topped_up" and its end
 * moves by the added days; an issued one just gets the bigger allowance.
 */
export function topUp(esim: SandboxEsim, extraMb: number, extraDays: number, now: Date): Transition {
  const current = currentState(esim, now);
  if (current.status === "expired") return EXPIRED;
  const grown = { ...current, dataMb: current.dataMb + extraMb, validityDays: current.validityDays + extraDays };
  if (current.status === "issued") return { ok: true, esim: grown };
  const expiresAt = current.expiresAt === null ? null : addDays(current.expiresAt, extraDays);
  return { ok: true, esim: { ...grown, status: "topped_up", expiresAt } };
}
