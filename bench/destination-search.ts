/**
 * Destination search speed: index build time and time per search for typical
 * queries (exact names, codes, prefixes, typos) and very long input.
 * Run: npm run bench:search
 */
import { getCountries } from "./support/countries.ts";
import { createDestinationIndex, REGION_IDS } from "../src/domain/destinations/index.ts";

const destinations = [
  ...getCountries().map((code) => ({ kind: "country" as const, code })),
  ...REGION_IDS.map((code) => ({ kind: "region" as const, code })),
  { kind: "global" as const, code: "global" },
];

let started = performance.now();
const index = createDestinationIndex(destinations);
const buildMs = performance.now() - started;

const queries = ["Japan", "Япония", "jpn", "герм", "Jpan", "Франкция", "Congo", "Весь мир", "🇯🇵", "esim for jpan", "asdfgh"];
for (const query of queries) index.search(query, "ru"); // warm up
const rounds = 2_000;
started = performance.now();
for (let round = 0; round < rounds; round += 1) for (const query of queries) index.search(query, "ru");
const perSearchUs = ((performance.now() - started) * 1000) / (rounds * queries.length);

const long = ["x".repeat(100_000), "Japan ".repeat(10_000), `${"word ".repeat(5_000)}Japan`];
started = performance.now();
for (const input of long) index.search(input, "en");
const longMs = (performance.now() - started) / long.length;

console.log(`node ${process.version}, ${destinations.length} destinations`);
console.log(`index build:          ${buildMs.toFixed(1)} ms`);
console.log(`typical search:       ${perSearchUs.toFixed(1)} µs (mean of ${rounds * queries.length}, ${queries.length} kinds of query)`);
console.log(`very long input:      ${longMs.toFixed(1)} ms per search (100 KB of text)`);
