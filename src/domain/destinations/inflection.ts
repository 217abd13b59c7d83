/**
 * Russian and Ukrainian inflect place names: "в Японию", "в Турции",
 * "Южную Корею", "в Эмиратах". Guessing the dictionary form from a handful
 * of case endings finds these without a morphology library. Works on folded
 * words (see normalize.ts), where "й" has become "и" and "ї" "і".
 */

/** Case endings, longest first so "ией" is cut before "ей". Folded forms ("ой" → "ои"). */
const CASE_ENDINGS = [
  ...["иеи", "иям", "иях", "іі", "ію", "ию", "ии", "ие", "ах", "ях", "ам", "ям", "ои", "еи", "ую", "юю", "ою", "ом", "ем"],
  ...["у", "ю", "е", "и", "і", "ы", "а", "я", "ь"],
];
/** Endings of dictionary forms: Япони|я, Куб|а, Кита|й (folded "и"), Эмират|ы, Израил|ь, Южн|ая, Арабск|ие. */
const BASE_ENDINGS = ["", "а", "я", "ия", "ія", "и", "ы", "ь", "ая", "ые", "ие"];
const MIN_STEM_LENGTH = 2;
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * Possible dictionary forms of an inflected Cyrillic word, the word itself
 * first: "японию" → ["японию", …, "япония", …]. Non-Cyrillic words come back alone.
 */
export function baseFormCandidates(word: string): string[] {
  if (!CYRILLIC.test(word)) return [word];
  const candidates = new Set([word]);
  for (const ending of CASE_ENDINGS) {
    if (!word.endsWith(ending)) continue;
    const stem = word.slice(0, word.length - ending.length);
    if (stem.length < MIN_STEM_LENGTH) continue;
    for (const base of BASE_ENDINGS) candidates.add(stem + base);
  }
  return [...candidates];
}
