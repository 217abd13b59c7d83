/**
 * Cutting text to a length without splitting what a reader sees as one
 * character: an emoji with its skin tone, a flag (two regional indicators), a
 * ZWJ family, a letter with combining marks, or a surrogate pair. `slice()`
 * cuts UTF-16 code units and can leave half of any of these behind.
 */

/**
 * The longest start of `text` made of whole graphemes that is at most
 * `maxLength` UTF-16 code units long (the unit JavaScript's `length` and
 * Telegram's limits count). When `text` has to be cut, `ellipsis` is appended
 * and counted within `maxLength`. Text that fits is returned unchanged.
 */
export function cutGraphemes(text: string, maxLength: number, ellipsis = ""): string {
  if (text.length <= maxLength) return text;
  const budget = maxLength - ellipsis.length;
  if (budget <= 0) return ellipsis.length <= maxLength ? ellipsis : "";
  let end = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) {
    if (end + segment.length > budget) break;
    end += segment.length;
  }
  return text.slice(0, end) + ellipsis;
}
