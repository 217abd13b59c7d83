/** Flag emoji ⇄ ISO 3166-1 alpha-2 codes. */
import { isCountryCode } from "./country-names.ts";

/** Code point of the regional indicator symbol for "A" (🇦). */
const REGIONAL_INDICATOR_A = 0x1f1e6;
const LETTER_A = 0x41;
/** Two regional indicator symbols in a row form a flag. */
const FLAG_PAIR = /[\u{1F1E6}-\u{1F1FF}]{2}/gu;
/** 🏴 followed by tag letters (gbeng, gbsct, gbwls) and the cancel tag: subdivision flags. */
const SUBDIVISION_FLAG = /\u{1F3F4}([\u{E0061}-\u{E007A}]{2,})\u{E007F}/gu;
const TAG_LETTER_A = 0xe0061;

/**
 * The flag emoji of an alpha-2 code: "JP" → "🇯🇵". Returns "" when the input
 * is not two Latin letters, so a bad code never renders as garbage.
 */
export function flagEmoji(alpha2: string): string {
  const code = alpha2.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return "";
  return String.fromCodePoint(...[...code].map((letter) => REGIONAL_INDICATOR_A + letter.charCodeAt(0) - LETTER_A));
}

/**
 * Every flag in a text, in order, as upper-case codes: regional-indicator
 * pairs ("🇯🇵" → "JP", "🇪🇺" → "EU") and subdivision flags as the code of their
 * country ("🏴󠁧󠁢󠁳󠁣󠁴󠁿" → "GB"). Whether a code is a real country is the caller's
 * business. Pairs are read left to right, as Telegram renders them.
 */
export function flagCodes(text: string): string[] {
  const found: { at: number; code: string }[] = [];
  for (const match of text.matchAll(FLAG_PAIR)) {
    const code = [...match[0]].map((symbol) => String.fromCharCode((symbol.codePointAt(0) ?? 0) - REGIONAL_INDICATOR_A + LETTER_A)).join("");
    found.push({ at: match.index, code });
  }
  for (const match of text.matchAll(SUBDIVISION_FLAG)) {
    const tags = [...(match[1] ?? "")].map((tag) => String.fromCharCode((tag.codePointAt(0) ?? 0) - TAG_LETTER_A + LETTER_A)).join("");
    found.push({ at: match.index, code: tags.slice(0, 2) });
  }
  return found.sort((a, b) => a.at - b.at).map((flag) => flag.code);
}

/**
 * The code of the first country flag in a text ("🇯🇵" or "Japan 🇯🇵" → "JP"),
 * or null when there is none. Flags that are not ISO countries (🇪🇺) are skipped.
 */
export function countryCodeFromFlag(text: string): string | null {
  return flagCodes(text).find(isCountryCode) ?? null;
}
