/** Text folding shared by the name tables and the queries, so both compare alike. */

/** Characters dropped without a word break: "U.S.A." is "usa", "Cote d'Ivoire" is "cote divoire". */
const JOINING_PUNCTUATION = /['’‘`ʼ´.]/g;
/** Anything that is neither a letter nor a digit separates words. */
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Splits text into case-, accent- and punctuation-free words:
 * "Côte d’Ivoire" → ["cote", "divoire"], "Ёлки" → ["елки"].
 * NFKD also folds full-width and other compatibility letters.
 */
export function searchWords(text: string): string[] {
  const folded = text
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(JOINING_PUNCTUATION, "")
    .replace(SEPARATORS, " ")
    .trim();
  return folded === "" ? [] : folded.split(" ");
}

/**
 * The lookup key of a text: its words joined without spaces, so "Viet Nam",
 * "vietnam" and "VIET-NAM" share one key.
 */
export function searchKey(text: string): string {
  return searchWords(text).join("");
}
