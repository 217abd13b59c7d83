/** The plan picker's order, the best value, and the plan nearest to a one-line wish. */
import { describe, expect, it } from "vitest";
import { bestValue, nearestPlan, pickerOrder, type PlanOffer, type PlanWish } from "../src/domain/plan-choice.ts";

const GB = 1024;
type Offer = PlanOffer & { id: string };
const offer = (gb: number, days: number, price: number): Offer => ({ id: `${gb}gb-${days}d`, dataMb: Math.round(gb * GB), validityDays: days, price });

/** Like the sandbox's Japan: 1/7, 3/15, 5/15, 5/30, 10/30, 20/30. */
const JAPAN: Offer[] = [offer(10, 30, 1150), offer(1, 7, 350), offer(5, 30, 700), offer(3, 15, 450), offer(5, 15, 600), offer(20, 30, 1600)];

describe("pickerOrder", () => {
  it("sorts by data, then validity, then price", () => {
    expect(pickerOrder(JAPAN).map((p) => p.id)).toEqual(["1gb-7d", "3gb-15d", "5gb-15d", "5gb-30d", "10gb-30d", "20gb-30d"]);
  });
});

describe("bestValue", () => {
  it("is the lowest price per GB among plans of 1 GB or more", () => {
    expect(bestValue(JAPAN)?.id).toBe("20gb-30d"); // 80 per GB
    expect(bestValue([offer(1, 7, 100), offer(3, 7, 330)])?.id).toBe("1gb-7d");
  });

  it("ignores plans under 1 GB, and a tie goes to the smaller plan", () => {
    expect(bestValue([offer(0.5, 7, 10), offer(1, 7, 100), offer(2, 7, 200)])?.id).toBe("1gb-7d");
  });

  it("marks nothing when there is no choice", () => {
    expect(bestValue([offer(5, 30, 500)])).toBeUndefined();
    expect(bestValue([offer(0.5, 7, 50), offer(0.25, 7, 30)])).toBeUndefined();
    expect(bestValue([])).toBeUndefined();
  });
});

describe("nearestPlan", () => {
  it.each<[string, PlanWish, string, boolean]>([
    ["exact data and days", { dataMb: 5 * GB, days: 30 }, "5gb-30d", true],
    ["exact data and days, the shorter of two", { dataMb: 5 * GB, days: 15 }, "5gb-15d", true],
    ["same data, the closest longer validity", { dataMb: 5 * GB, days: 7 }, "5gb-15d", false],
    ["same data, a little longer", { dataMb: 3 * GB, days: 7 }, "3gb-15d", false],
    ["the next bigger data amount that lasts", { dataMb: 3 * GB, days: 30 }, "5gb-30d", false],
    ["between amounts: the next bigger one", { dataMb: 4 * GB, days: 15 }, "5gb-15d", false],
    ["more data than sold: the most data that lasts", { dataMb: 50 * GB, days: 30 }, "20gb-30d", false],
    ["longer than sold: the longest, with the data asked", { dataMb: 5 * GB, days: 60 }, "5gb-30d", false],
    ["longer than sold, more data than sold", { dataMb: 100 * GB, days: 90 }, "20gb-30d", false],
    ["data only: the shortest plan with it", { dataMb: 5 * GB }, "5gb-15d", true],
    ["data only, between amounts", { dataMb: 2 * GB }, "3gb-15d", false],
    ["days only: the smallest plan that lasts", { days: 7 }, "1gb-7d", true],
    ["days only, between validities", { days: 10 }, "3gb-15d", false],
    ["days only, exact", { days: 30 }, "5gb-30d", true],
    ["nothing asked: the smallest plan", {}, "1gb-7d", true],
  ])("%s", (_label, wish, id, exact) => {
    expect(nearestPlan(JAPAN, wish)).toEqual({ plan: expect.objectContaining({ id }), exact });
  });

  it("the cheaper of two equal plans", () => {
    expect(nearestPlan([offer(5, 30, 700), offer(5, 30, 650)], { dataMb: 5 * GB, days: 30 })?.plan.price).toBe(650);
  });

  it("no plans, no answer", () => {
    expect(nearestPlan([], { dataMb: GB })).toBeUndefined();
  });
});
