import { describe, expect, it } from "vitest";
import { currencyExponent, formatPrice, retailPrice } from "../src/domain/pricing.ts";

describe("retailPrice", () => {
  const stars = { currency: "XTR", perUsd: 77, markupPercent: 25 };

  it("adds the markup and converts to whole Stars", () => {
    // $1.00 → $1.25 → 96.25 Stars → 97 → rounded up to a multiple of 5 → 100
    expect(retailPrice(100, stars)).toBe(100);
    // $0.30 → $0.375 → 28.875 Stars → 29 (small prices stay exact)
    expect(retailPrice(30, stars)).toBe(29);
  });

  it("never rounds down and never charges zero", () => {
    expect(retailPrice(1, { currency: "XTR", perUsd: 1, markupPercent: 0 })).toBe(1);
    expect(retailPrice(0, { currency: "XTR", perUsd: 77, markupPercent: 25 })).toBe(1);
  });

  it("ends card prices in 9 cents", () => {
    // $4.50 + 25% = $5.625 → 563 cents → 569
    expect(retailPrice(450, { currency: "USD", perUsd: 1, markupPercent: 25 })).toBe(569);
    // exactly $10.00 → 1009 (the next price ending in 9)
    expect(retailPrice(800, { currency: "USD", perUsd: 1, markupPercent: 25 })).toBe(1009);
  });

  it("does not round a whole amount up because of float noise", () => {
    // 0.1 + 0.2 style noise: 3 × 1.1 = 3.3000000000000003 Stars → 4, not 5
    expect(retailPrice(300, { currency: "XTR", perUsd: 1.1, markupPercent: 0 })).toBe(4);
  });

  it("uses multiples of 10 for zero-decimal currencies", () => {
    expect(currencyExponent("JPY")).toBe(0);
    expect(retailPrice(450, { currency: "JPY", perUsd: 150, markupPercent: 20 })).toBe(810);
  });
});

describe("formatPrice", () => {
  it("shows Stars with the star sign and money in the user's locale", () => {
    expect(formatPrice(350, "XTR", "en")).toBe("350 ⭐");
    expect(formatPrice(569, "USD", "en")).toBe("$5.69");
    expect(formatPrice(569, "EUR", "es")).toMatch(/^5,69\s€$/);
  });
});
