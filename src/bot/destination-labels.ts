/** How a destination is shown: a flag or globe emoji and a localized name. */
import { countryName, flagEmoji, type DestinationRef } from "../domain/destinations/index.ts";
import type { Translate } from "./view-locale.ts";

const REGION_EMOJI: Record<string, string> = {
  europe: "🇪🇺",
  asia: "🌏",
  oceania: "🌏",
  "north-america": "🌎",
  "latin-america": "🌎",
  caribbean: "🏝",
  "middle-east": "🌍",
  africa: "🌍",
  balkans: "🌍",
};

/** The emoji shown before a destination's name. */
export function destinationFlag(destination: DestinationRef): string {
  if (destination.kind === "country") return flagEmoji(destination.code);
  if (destination.kind === "global") return "🌐";
  return REGION_EMOJI[destination.code] ?? "🌍";
}

/** The destination's name in the user's language. */
export function destinationName(destination: DestinationRef, locale: string, t: Translate): string {
  if (destination.kind === "country") return countryName(destination.code, locale);
  return t(`region-${destination.code}`);
}

/** "🇯🇵 Japan", for buttons. */
export function destinationLabel(destination: DestinationRef, locale: string, t: Translate): string {
  return `${destinationFlag(destination)} ${destinationName(destination, locale, t)}`;
}
