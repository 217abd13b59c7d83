/** Cutting text on grapheme boundaries (what a reader sees as one character). */
import { describe, expect, it } from "vitest";
import { cutGraphemes } from "../src/domain/grapheme-cut.ts";

/** True when the string has a high surrogate without its low half, or a lone low one. */
function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

describe("cutGraphemes", () => {
  it("returns text that fits unchanged, without an ellipsis", () => {
    expect(cutGraphemes("Japan", 5, "…")).toBe("Japan");
    expect(cutGraphemes("", 3)).toBe("");
  });

  it("cuts plain text to the length, counting the ellipsis in it", () => {
    expect(cutGraphemes("Switzerland", 6)).toBe("Switze");
    expect(cutGraphemes("Switzerland", 6, "…")).toBe("Switz…");
  });

  it("never splits a surrogate pair", () => {
    // "ab" + 😀 (2 code units): 3 units would cut the emoji in half.
    const cut = cutGraphemes("ab😀cd", 3);
    expect(cut).toBe("ab");
    expect(hasLoneSurrogate(cut)).toBe(false);
    expect(cutGraphemes("ab😀cd", 4)).toBe("ab😀");
  });

  it("keeps a flag's two regional indicators together", () => {
    // 🇯🇵 is 4 code units; "x" + half a flag would read as a stray letter box.
    expect(cutGraphemes("x🇯🇵🇫🇷", 3)).toBe("x");
    expect(cutGraphemes("x🇯🇵🇫🇷", 5)).toBe("x🇯🇵");
    expect(cutGraphemes("x🇯🇵🇫🇷", 8)).toBe("x🇯🇵");
  });

  it("keeps a ZWJ family and a skin-tone modifier whole", () => {
    const family = "👩‍👩‍👧‍👦"; // 11 code units joined by zero-width joiners
    expect(cutGraphemes(`a${family}b`, 11)).toBe("a");
    expect(cutGraphemes(`a${family}b`, 12)).toBe(`a${family}`);
    const wave = "👋🏽"; // hand + medium skin tone, 4 code units
    expect(cutGraphemes(`hi ${wave}`, 5)).toBe("hi ");
  });

  it("keeps a letter with its combining marks", () => {
    const decomposed = "Zu\u0308rich"; // u + combining diaeresis
    expect(cutGraphemes(decomposed, 2)).toBe("Z");
    expect(cutGraphemes(decomposed, 3)).toBe("Zu\u0308");
  });

  it("cuts emoji-only text to whole emoji, with the ellipsis", () => {
    const cut = cutGraphemes("🇯🇵🇯🇵🇯🇵🇯🇵", 10, "…");
    expect(cut).toBe("🇯🇵🇯🇵…");
    expect(cut.length).toBeLessThanOrEqual(10);
  });

  it("never exceeds the length, even when not one grapheme fits", () => {
    expect(cutGraphemes("🇯🇵", 3)).toBe("");
    expect(cutGraphemes("🇯🇵🇯🇵", 1, "…")).toBe("…");
    expect(cutGraphemes("abc", 0, "…")).toBe("");
  });
});
