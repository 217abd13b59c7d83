import { describe, expect, it } from "vitest";
import { isValidIccid, luhnCheckDigit } from "../src/domain/iccid.ts";

describe("luhnCheckDigit", () => {
  it("matches published Luhn examples", () => {
    expect(luhnCheckDigit("7992739871")).toBe(3);
    expect(luhnCheckDigit("453914880343646")).toBe(7);
    expect(luhnCheckDigit("411111111111111")).toBe(1);
    expect(luhnCheckDigit("8901410321111851072")).toBe(0);
    expect(luhnCheckDigit("894411006825627005")).toBe(4);
  });

  it("handles single digits and zeros", () => {
    expect(luhnCheckDigit("0")).toBe(0);
    expect(luhnCheckDigit("1")).toBe(8);
    expect(luhnCheckDigit("5")).toBe(9);
    expect(luhnCheckDigit("0000")).toBe(0);
  });

  it("rejects input that is not a string of digits", () => {
    expect(() => luhnCheckDigit("")).toThrow(RangeError);
    expect(() => luhnCheckDigit("12a4")).toThrow(RangeError);
    expect(() => luhnCheckDigit(" 123")).toThrow(RangeError);
  });
});

describe("isValidIccid", () => {
  it("accepts real-world 19- and 20-digit ICCIDs", () => {
    expect(isValidIccid("89014103211118510720")).toBe(true);
    expect(isValidIccid("8944110068256270054")).toBe(true);
  });

  it("rejects a wrong check digit, and every single-digit typo", () => {
    const iccid = "89014103211118510720";
    expect(isValidIccid("89014103211118510721")).toBe(false);
    for (let i = 2; i < iccid.length; i++) {
      const original = Number(iccid[i]);
      const typo = iccid.slice(0, i) + String((original + 3) % 10) + iccid.slice(i + 1);
      expect(isValidIccid(typo), typo).toBe(false);
    }
  });

  it("rejects wrong prefixes, lengths and characters", () => {
    const body18 = "890141032111185107";
    const valid19 = body18 + String(luhnCheckDigit(body18));
    expect(isValidIccid(valid19)).toBe(true);
    const notTelecom = "99" + valid19.slice(2, -1);
    expect(isValidIccid(notTelecom + String(luhnCheckDigit(notTelecom)))).toBe(false);
    const short = "8901410321111851";
    expect(isValidIccid(short + String(luhnCheckDigit(short)))).toBe(false);
    const long = "8901410321111851072000";
    expect(isValidIccid(long + String(luhnCheckDigit(long)))).toBe(false);
    expect(isValidIccid("8901410321111851072 ")).toBe(false);
    expect(isValidIccid("")).toBe(false);
  });

  it("accepts any body completed with its check digit", () => {
    for (const body of ["8988200000000000000", "891234567890123456", "8900000000000000001"]) {
      expect(isValidIccid(body + String(luhnCheckDigit(body)))).toBe(true);
    }
  });
});
