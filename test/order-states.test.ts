/**
 * The order state machine (src/domain/order.ts): the moves the shop makes,
 * the ones it must never make, and the second check of a payment.
 */
import { describe, expect, it } from "vitest";
import { canMove, dataLeftMb, mayOrderUpstream, ORDER_STATUSES, paymentMismatch, statusesBefore, type OrderStatus } from "../src/domain/order.ts";
import { refundCause } from "../src/domain/refund.ts";

describe("order moves", () => {
  it.each<[OrderStatus, OrderStatus]>([
    ["awaiting_payment", "paid"],
    ["awaiting_payment", "expired"],
    ["expired", "paid"],
    ["paid", "delivered"],
    ["paid", "refunding"],
    ["paid", "needs_operator"],
    ["paid", "refunded"],
    ["refunding", "refunded"],
    ["refunding", "needs_operator"],
    ["needs_operator", "refunded"],
  ])("%s → %s is allowed", (from, to) => {
    expect(canMove(from, to)).toBe(true);
  });

  it.each<[OrderStatus, OrderStatus, string]>([
    ["refunding", "delivered", "a refund is decided: no eSIM may follow it"],
    ["refunded", "delivered", "refunded is final"],
    ["refunding", "paid", "a refund intent is never undone"],
    ["delivered", "refunding", "a delivered order is never refunded by the shop"],
    ["delivered", "refunded", "nor marked refunded"],
    ["needs_operator", "delivered", "the operator owns it now"],
    ["awaiting_payment", "delivered", "nothing is delivered before payment"],
    ["awaiting_payment", "refunding", "nothing to refund before payment"],
    ["expired", "awaiting_payment", "an expired invoice stays expired"],
    ["paid", "awaiting_payment", "a payment is never undone"],
  ])("%s → %s is refused (%s)", (from, to) => {
    expect(canMove(from, to)).toBe(false);
  });

  it("no status moves to itself", () => {
    for (const status of ORDER_STATUSES) expect(canMove(status, status)).toBe(false);
  });

  it("delivered and refunded are final", () => {
    for (const to of ORDER_STATUSES) {
      expect(canMove("delivered", to)).toBe(false);
      expect(canMove("refunded", to)).toBe(false);
    }
  });

  it("lists the statuses a conditional update may move from", () => {
    expect(statusesBefore("paid").sort()).toEqual(["awaiting_payment", "expired"]);
    expect(statusesBefore("refunding")).toEqual(["paid"]);
    expect(statusesBefore("delivered")).toEqual(["paid"]);
    expect(statusesBefore("refunded").sort()).toEqual(["needs_operator", "paid", "refunding"]);
    expect(statusesBefore("awaiting_payment")).toEqual([]);
  });

  it("only a paid order may be ordered upstream", () => {
    expect(ORDER_STATUSES.filter(mayOrderUpstream)).toEqual(["paid"]);
  });
});

describe("the second check of a payment", () => {
  const order = { userId: 7, currency: "XTR", amount: 500 };

  it("accepts a payment of the order's currency and amount by its buyer", () => {
    expect(paymentMismatch(order, { userId: 7, currency: "XTR", amount: 500 })).toBeNull();
  });

  it("names what differs: currency, amount, payer", () => {
    expect(paymentMismatch(order, { userId: 7, currency: "EUR", amount: 500 })).toBe("currency EUR instead of XTR");
    expect(paymentMismatch(order, { userId: 7, currency: "XTR", amount: 1 })).toBe("amount 1 instead of 500");
    expect(paymentMismatch(order, { userId: 8, currency: "XTR", amount: 500 })).toBe("paid by user 8, ordered by user 7");
  });
});

describe("figures and causes the traveller is shown", () => {
  it("data left is what the plan gives minus what was used, never below zero", () => {
    expect(dataLeftMb({ dataMb: 1024, usedMb: 300 })).toBe(724);
    expect(dataLeftMb({ dataMb: 1024, usedMb: 1100 })).toBe(0);
  });

  it("a refund settles an order, or gives back a second payment, or one that matched no order", () => {
    expect(refundCause({ orderId: "ord_1" }, "duplicate")).toBe("order");
    expect(refundCause({ orderId: null }, "duplicate")).toBe("duplicate");
    expect(refundCause({ orderId: null }, "stray")).toBe("unmatched");
    expect(refundCause({ orderId: null }, "mismatch")).toBe("unmatched");
  });
});
