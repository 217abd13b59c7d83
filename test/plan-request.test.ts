/** One-line purchases: the data amount and the trip length read out of what a traveller types, in en/es/ru. */
import { describe, expect, it } from "vitest";
import { asksForAmounts, parsePlanRequest, type PlanRequest } from "../src/domain/plan-request.ts";

const GB = 1024;

describe("parsePlanRequest", () => {
  it.each<[string, PlanRequest]>([
    // The examples.
    ["Japan 5GB 7 days", { destination: "Japan", dataMb: 5 * GB, days: 7 }],
    ["5 gb japan for a week", { destination: "japan", dataMb: 5 * GB, days: 7 }],
    ["Japón 10 GB 30 días", { destination: "Japón", dataMb: 10 * GB, days: 30 }],
    ["Япония 3 ГБ на неделю", { destination: "Япония", dataMb: 3 * GB, days: 7 }],
    // Units and spellings.
    ["Japan 5Gb 7 days", { destination: "Japan", dataMb: 5 * GB, days: 7 }],
    ["Japan 5 gigs for 2 weeks", { destination: "Japan", dataMb: 5 * GB, days: 14 }],
    ["Japan 5-GB 7-day", { destination: "Japan", dataMb: 5 * GB, days: 7 }],
    ["Japan 500MB 7d", { destination: "Japan", dataMb: 500, days: 7 }],
    ["japan 500 mb", { destination: "japan", dataMb: 500 }],
    ["Thailand 1.5 GB", { destination: "Thailand", dataMb: 1536 }],
    ["Таиланд 1,5 гб", { destination: "Таиланд", dataMb: 1536 }],
    ["Турция 10гб 30 дней", { destination: "Турция", dataMb: 10 * GB, days: 30 }],
    ["Турция 10 Гб 7 дн.", { destination: "Турция", dataMb: 10 * GB, days: 7 }],
    ["Турция 500 мб 1 день", { destination: "Турция", dataMb: 500, days: 1 }],
    ["в Японию 20 гигов на месяц", { destination: "в Японию", dataMb: 20 * GB, days: 30 }],
    ["Япония 3 ГБ на 2 недели", { destination: "Япония", dataMb: 3 * GB, days: 14 }],
    ["Япония две недели 3 гигабайта", { destination: "Япония", dataMb: 3 * GB, days: 14 }],
    ["Япония на 15 суток", { destination: "Япония", days: 15 }],
    ["España 5 gigas una semana", { destination: "España", dataMb: 5 * GB, days: 7 }],
    ["México 3 GB por dos semanas", { destination: "México", dataMb: 3 * GB, days: 14 }],
    ["Francia 20 GB 1 mes", { destination: "Francia", dataMb: 20 * GB, days: 30 }],
    ["Francia 20 GB un mes", { destination: "Francia", dataMb: 20 * GB, days: 30 }],
    ["Francia 20 GB para un mes", { destination: "Francia", dataMb: 20 * GB, days: 30 }],
    ["Italy for a month", { destination: "Italy", days: 30 }],
    ["Italy for a fortnight", { destination: "Italy", days: 14 }],
    ["Italy 3 weeks", { destination: "Italy", days: 21 }],
    ["Italy one week", { destination: "Italy", days: 7 }],
    ["eSIM for Japan, 5 GB, 7 days", { destination: "eSIM for Japan", dataMb: 5 * GB, days: 7 }],
    // Composed accents (NFD input) read the same.
    ["Japón 10 GB 30 di\u0301as", { destination: "Japón", dataMb: 10 * GB, days: 30 }],
    // Nothing to read: the whole text is the destination.
    ["Japan", { destination: "Japan" }],
    ["South Korea", { destination: "South Korea" }],
    ["Japan 5G", { destination: "Japan 5G" }],
    ["Japan 15gbps", { destination: "Japan 15gbps" }],
    ["Canada", { destination: "Canada" }],
    ["Dos Santos", { destination: "Dos Santos" }],
    ["Mesopotamia", { destination: "Mesopotamia" }],
    ["", { destination: "" }],
  ])("%j", (text, expected) => {
    expect(parsePlanRequest(text)).toEqual(expected);
  });

  it("a line with only amounts leaves no destination", () => {
    expect(parsePlanRequest("5GB 7 days")).toEqual({ destination: "", dataMb: 5 * GB, days: 7 });
  });

  it("asksForAmounts: data or days", () => {
    expect(asksForAmounts(parsePlanRequest("Japan"))).toBe(false);
    expect(asksForAmounts(parsePlanRequest("Japan 1 GB"))).toBe(true);
    expect(asksForAmounts(parsePlanRequest("Japan for a week"))).toBe(true);
  });

  it("stays fast on long input", () => {
    const started = performance.now();
    parsePlanRequest(`${"5 ".repeat(20_000)}Japan`);
    parsePlanRequest("gb ".repeat(20_000));
    expect(performance.now() - started).toBeLessThan(500);
  });
});
