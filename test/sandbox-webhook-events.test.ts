/** Which webhook events a sandbox eSIM change announces (pure, fixed clock). */
import { describe, expect, it } from "vitest";
import { activate, expire, recordUsage, topUp, type SandboxEsim } from "../src/providers/fakes/giapi-sandbox/lifecycle.ts";
import { webhookEventsFor } from "../src/providers/fakes/giapi-sandbox/webhook-events.ts";

const T0 = new Date("2025-03-01T12:00:00.000Z");

const issued: SandboxEsim = {
  orderId: "esim_1",
  externalOrderId: "ord_1",
  planId: "jp-1gb-7d",
  createdAt: T0.toISOString(),
  iccid: "89882470000000000017",
  smdpAddress: "rsp.sandbox.esim.local",
  matchingId: "K2-4F7PQ-9XH2M7",
  status: "issued",
  dataMb: 1000,
  validityDays: 7,
  usedMb: 0,
  activatedAt: null,
  expiresAt: null,
};

function ok(result: ReturnType<typeof activate>): SandboxEsim {
  if (!result.ok) throw new Error("refused");
  return result.esim;
}

describe("sandbox webhook events", () => {
  it("activation announces esim.activated once", () => {
    const active = ok(activate(issued, T0));
    expect(webhookEventsFor(issued, active)).toEqual(["esim.activated"]);
    expect(webhookEventsFor(active, ok(activate(active, T0)))).toEqual([]);
  });

  it("first use of an issued eSIM activates it", () => {
    expect(webhookEventsFor(issued, recordUsage(issued, 10, T0))).toEqual(["esim.activated"]);
  });

  it("esim.data_low once per crossing below 20 % left, armed again by a top-up", () => {
    const active = ok(activate(issued, T0));
    const at79 = recordUsage(active, 790, T0);
    expect(webhookEventsFor(active, at79)).toEqual([]);
    const at81 = recordUsage(at79, 810, T0);
    expect(webhookEventsFor(at79, at81)).toEqual(["esim.data_low"]);
    const at90 = recordUsage(at81, 900, T0);
    expect(webhookEventsFor(at81, at90)).toEqual([]);

    const topped = ok(topUp(at90, 1000, 0, T0)); // 1100 of 2000 left
    expect(webhookEventsFor(at90, topped, true)).toEqual(["esim.topped_up"]);
    const low = recordUsage(topped, 1700, T0);
    expect(webhookEventsFor(topped, low)).toEqual(["esim.data_low"]);
  });

  it("using it all up or ending it announces esim.expired, not low data", () => {
    const active = ok(activate(issued, T0));
    expect(webhookEventsFor(active, recordUsage(active, 1000, T0))).toEqual(["esim.expired"]);
    const ended = expire(active, T0);
    expect(webhookEventsFor(active, ended)).toEqual(["esim.expired"]);
    expect(webhookEventsFor(ended, expire(ended, T0))).toEqual([]);
  });
});
