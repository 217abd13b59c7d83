/**
 * One-line purchases: "Japan 5GB 7 days", "5 gb japan for a week",
 * "Japón 10 GB 30 días", "Япония 3 ГБ на неделю". Takes the data amount and
 * the trip length out of the text; the words left are the destination, for
 * the destination search. English, Spanish and Russian.
 */
import { gbToMb } from "./data-amount.ts";

/** What a traveller asked for in one line. */
export interface PlanRequest {
  /** The text without the amounts: the destination to search for (may be empty). */
  destination: string;
  /** Data asked for, in MB. */
  dataMb?: number;
  /** Trip length asked for, in days. */
  days?: number;
}

/** Alternatives longest first, so "days" is tried before "d". */
const byLength = (words: Iterable<string>) => [...words].sort((a, b) => b.length - a.length).join("|");

// A letter or digit must not touch a match: "5G" is a network, "15gbps" nothing we sell.
const BEFORE = String.raw`(?<![\p{L}\p{N}])`;
const AFTER = String.raw`(?![\p{L}\p{N}])`;
const NUMBER = String.raw`(\d{1,5}(?:[.,]\d{1,3})?)`;

const GB_UNITS = ["gb", "gbs", "gig", "gigs", "giga", "gigas", "gigabyte", "gigabytes", "гб", "гиг", "гига", "гигов", "гигабайт", "гигабайта", "гигабайтов"];
const MB_UNITS = ["mb", "mbs", "megabyte", "megabytes", "megas", "мб", "мегабайт", "мегабайта", "мегабайтов"];
const DATA = new RegExp(`${BEFORE}${NUMBER}[\\s-]*(${byLength([...GB_UNITS, ...MB_UNITS])})${AFTER}`, "iu");

/** Units of time in days, by the words (and their inflections) that name them. */
const DAY_WORDS = ["d", "day", "days", "dia", "dias", "día", "días", "д", "дн", "день", "дня", "дней", "сут", "сутки", "суток"];
const WEEK_WORDS = ["w", "wk", "wks", "week", "weeks", "semana", "semanas", "неделя", "неделю", "недели", "недель", "нед"];
const MONTH_WORDS = ["month", "months", "mes", "meses", "месяц", "месяца", "месяцев", "мес"];
const FORTNIGHT_WORDS = ["fortnight"];
const UNIT_DAYS = new Map<string, number>([
  ...DAY_WORDS.map((word): [string, number] => [word, 1]),
  ...WEEK_WORDS.map((word): [string, number] => [word, 7]),
  ...MONTH_WORDS.map((word): [string, number] => [word, 30]),
  ...FORTNIGHT_WORDS.map((word): [string, number] => [word, 14]),
]);
/** Units that may stand alone ("for a week", "на месяц", "una semana"); "d" and "mes" alone are too easily something else. */
const ALONE_UNITS = ["week", "semana", "неделю", "неделя", "month", "месяц", "fortnight"];

const COUNT_WORDS = new Map<string, number>([
  ...["a", "an", "one", "un", "una", "uno", "один", "одна", "одну"].map((word): [string, number] => [word, 1]),
  ...["two", "dos", "два", "две"].map((word): [string, number] => [word, 2]),
  ...["three", "tres", "три"].map((word): [string, number] => [word, 3]),
  ...["four", "cuatro", "четыре"].map((word): [string, number] => [word, 4]),
]);
/** "for a week", "на неделю", "por 2 semanas": the preposition goes with the duration. */
const PREPOSITIONS = ["for", "на", "por", "para", "durante"];

const DURATION = new RegExp(
  `${BEFORE}(?:(?:${PREPOSITIONS.join("|")})\\s+)?` +
    `(?:(?:${NUMBER}[\\s-]*|(${byLength(COUNT_WORDS.keys())})\\s+)(${byLength(UNIT_DAYS.keys())})|(${byLength(ALONE_UNITS)}))${AFTER}`,
  "iu",
);

/** Reads the data amount and trip length out of a line; what is left is the destination. */
export function parsePlanRequest(text: string): PlanRequest {
  let rest = text.normalize("NFC");
  const request: PlanRequest = { destination: "" };
  const data = DATA.exec(rest);
  if (data) {
    const amount = Number(data[1]!.replace(",", "."));
    const megabytes = MB_UNITS.includes(data[2]!.toLowerCase());
    if (amount > 0) request.dataMb = megabytes ? Math.round(amount) : gbToMb(amount);
    rest = cut(rest, data);
  }
  const duration = DURATION.exec(rest);
  if (duration) {
    const days = durationDays(duration);
    if (days > 0) request.days = days;
    rest = cut(rest, duration);
  }
  // What separated the amounts from the name (", ", " - ", a full stop) goes with them.
  request.destination = rest.replace(/\s+/g, " ").replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "");
  return request;
}

/** True when the line asked for an amount of data or a trip length. */
export function asksForAmounts(request: PlanRequest): boolean {
  return request.dataMb !== undefined || request.days !== undefined;
}

function durationDays(match: RegExpExecArray): number {
  const [, digits, countWord, unit, aloneUnit] = match;
  if (aloneUnit) return UNIT_DAYS.get(aloneUnit.toLowerCase()) ?? 0;
  const count = digits ? Number(digits.replace(",", ".")) : (COUNT_WORDS.get(countWord?.toLowerCase() ?? "") ?? 0);
  return Math.round(count * (UNIT_DAYS.get(unit?.toLowerCase() ?? "") ?? 0));
}

function cut(text: string, match: RegExpExecArray): string {
  return `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`;
}
