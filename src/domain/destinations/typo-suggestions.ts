/** Suggestions for a query that names nothing: sold destinations a few typos away. */
import { copyOf, idOf, languageRank } from "./name-lookup.ts";
import type { SearchTables, TypoCandidate } from "./search-tables.ts";
import { typoDistance } from "./typo-distance.ts";
import type { DestinationRef } from "./types.ts";

const MAX_SUGGESTIONS = 5;

/** The closest name of one destination so far. */
interface Closest {
  destination: DestinationRef;
  edits: number;
  rank: number;
}

/** How far (in edits) a typo may be from a name of this many letters. */
function typoTolerance(length: number): number {
  if (length < 4) return 0;
  if (length <= 6) return 1;
  if (length <= 10) return 2;
  return 3;
}

/** Sold destinations whose names are a few typos away from any of the keys, closest first. */
export function typoSuggestions(tables: SearchTables, keys: readonly string[], language: string): DestinationRef[] {
  const best = new Map<string, Closest>();
  for (const key of new Set(keys)) keepClosest(best, tables, key, language);
  return [...best.values()]
    .sort((a, b) => a.edits - b.edits || a.rank - b.rank || tables.byName(a.destination, b.destination, language))
    .slice(0, MAX_SUGGESTIONS)
    .map((suggestion) => copyOf(suggestion.destination));
}

/** Records in `best` each destination with a name near `key`, if nearer (or in a better language) than before. */
function keepClosest(best: Map<string, Closest>, tables: SearchTables, key: string, language: string): void {
  const tolerance = typoTolerance(key.length);
  if (tolerance === 0) return;
  for (const candidate of candidatesNear(tables, key.length, tolerance)) {
    const edits = typoDistance(key, candidate.key, tolerance);
    if (edits === null) continue;
    const id = idOf(candidate.entry.destination);
    const rank = languageRank(candidate.entry, language);
    const previous = best.get(id);
    if (!previous || edits < previous.edits || (edits === previous.edits && rank < previous.rank)) {
      best.set(id, { destination: candidate.entry.destination, edits, rank });
    }
  }
}

/** Names whose length is within `tolerance` of `length`: no others can be that close. */
function candidatesNear(tables: SearchTables, length: number, tolerance: number): TypoCandidate[] {
  const near: TypoCandidate[] = [];
  for (let other = length - tolerance; other <= length + tolerance; other += 1) near.push(...(tables.typoCandidates.get(other) ?? []));
  return near;
}
