/** The sandbox eSIM lifecycle as pure transitions, with a fixed clock. */
import { describe, expect, it } from "vitest";
import { activate, currentState, expire, recordUsage, topUp, type SandboxEsim } from "../src/providers/fakes/giapi-sandbox/lifecycle.ts";

const T0 = new Date("2025-03-01T12:00:00.000Z");
const DAY_MS = 86_400_000;
const at = (days: number) => new Date(T0.getTime() + days * DAY_MS);

const issued: SandboxEsim = {
  orderId: "esim_1",
  externalOrderId: "ord_1",
  planId: "jp-1gb-7d",
  createdAt: T0.toISOString(),
  iccid: "89882470000000000017",
  smdpAddress: "rsp.sandbox.esim.local",
  matchingId: "K2-4F7PQ-9XH2M7",
  status: "issued",
  dataMb: 1024,
  validityDays: 7,
  usedMb: 0,
  activatedAt: null,
  expiresAt: null,
};

function active(): SandboxEsim {
  const result = activate(issued, T0);
  if (!result.ok) throw new Error("activation refused");
  return result.esim;
}

describe("sandbox eSIM lifecycle", () => {
  it("activation starts the validity, once", () => {
    const esim = active();
    expect(esim).toMatchObject({ status: "active", activatedAt: T0.toISOString(), expiresAt: at(7).toISOString() });
    expect(activate(esim, at(2))).toEqual({ ok: true, esim });
  });

  it("an eSIM past its end reads as expired and cannot be activated or topped up", () => {
    const esim = active();
    expect(currentState(esim, at(6.9)).status).toBe("active");
    expect(currentState(esim, at(7)).status).toBe("expired");
    expect(topUp(esim, 1024, 0, at(8))).toEqual({ ok: false, code: "esim_expired" });
    expect(activate(expire(issued, T0), at(1))).toEqual({ ok: false, code: "esim_expired" });
  });

  it("usage up to the allowance keeps it running, the whole allowance expires it", () => {
    expect(recordUsage(active(), 1023.5, at(1)).status).toBe("active");
    expect(recordUsage(active(), 1024, at(1))).toMatchObject({ status: "expired", usedMb: 1024 });
    expect(recordUsage(issued, 0, at(1))).toMatchObject({ status: "issued", activatedAt: null });
  });

  it("expiring keeps an earlier end and sets now otherwise", () => {
    expect(expire(active(), at(3))).toMatchObject({ status: "expired", expiresAt: at(3).toISOString() });
    expect(expire(issued, at(3))).toMatchObject({ status: "expired", expiresAt: at(3).toISOString(), activatedAt: null });
    const lapsed = expire(active(), at(30));
    expect(lapsed.expiresAt).toBe(at(7).toISOString());
  });

  it("a top-up moves the end of a running eSIM and grows an issued one without starting it", () => {
    const running = topUp(active(), 2048, 3, at(1));
    expect(running).toEqual({
      ok: true,
      esim: expect.objectContaining({ status: "topped_up", dataMb: 3072, validityDays: 10, expiresAt: at(10).toISOString() }),
    });
    const waiting = topUp(issued, 512, 0, at(1));
    expect(waiting).toEqual({ ok: true, esim: expect.objectContaining({ status: "issued", dataMb: 1536, expiresAt: null }) });
  });
});
