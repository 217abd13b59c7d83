/**
 * Endonyms: what a country's own people call it, in its official languages
 * and their scripts ("日本", "Србија" and "Srbija", "ประเทศไทย", "Suomi").
 * The official languages come from CLDR (cldr-core's territoryInfo), the
 * names from the CLDR data inside ICU through `Intl.DisplayNames`.
 */
import territoryInfo from "cldr-core/supplemental/territoryInfo.json" with { type: "json" };
import { baseLanguage } from "./country-names.ts";

/** One endonym: the name and the language (BCP 47, e.g. "sr-Latn") it is a name in. */
export interface Endonym {
  readonly language: string;
  readonly name: string;
}

/** A language's share of a territory in CLDR, and its status there when it has one. */
interface LanguagePopulation {
  readonly _populationPercent?: string;
  readonly _officialStatus?: string;
}

/** Statuses that make a language a country's own; "official_regional" ones (dozens in India) are left out. */
const NATIONAL_STATUSES = new Set(["official", "de_facto_official"]);

/** A territory in CLDR: its population and the languages spoken there. */
interface Territory {
  readonly _population?: string;
  readonly languagePopulation?: Readonly<Record<string, LanguagePopulation>>;
}

const TERRITORIES: Readonly<Record<string, Territory>> =
  territoryInfo.supplemental.territoryInfo;

/** The official languages of a country as BCP 47 tags ("sr", "sr-Latn"); empty for unknown codes. */
export function officialLanguages(alpha2: string): string[] {
  const languages = TERRITORIES[alpha2.toUpperCase()]?.languagePopulation ?? {};
  return Object.entries(languages)
    .filter(([, population]) => NATIONAL_STATUSES.has(population._officialStatus ?? ""))
    .map(([tag]) => tag.replace(/_/g, "-"));
}

/**
 * Makes endonyms. Keep one per index build: it holds one `Intl.DisplayNames`
 * per language (the costly part), and languages ICU has no names for are skipped
 * instead of falling back to English.
 */
export function endonymReader(): (alpha2: string) => Endonym[] {
  const displayNames = new Map<string, Intl.DisplayNames[] | null>();
  const namersFor = (language: string): Intl.DisplayNames[] | null => {
    if (!displayNames.has(language)) {
      const supported = Intl.DisplayNames.supportedLocalesOf([language]).length > 0;
      // The short style gives the everyday name where the long one is formal ("Hong Kong" vs "Hong Kong SAR China").
      const styles = ["long", "short"] as const;
      displayNames.set(language, supported ? styles.map((style) => new Intl.DisplayNames([language], { type: "region", style, fallback: "none" })) : null);
    }
    return displayNames.get(language) ?? null;
  };
  return (alpha2) => {
    const code = alpha2.toUpperCase();
    const found = new Map<string, Endonym>();
    for (const language of officialLanguages(code)) {
      for (const namer of namersFor(language) ?? []) {
        const name = namer.of(code);
        if (name && name !== code) found.set(`${language}|${name}`, { language, name });
      }
    }
    return [...found.values()];
  };
}

/** The language an endonym counts as in the search (its base language: "sr-Latn" → "sr"). */
export function endonymSearchLanguage(endonym: Endonym): string {
  return baseLanguage(endonym.language);
}
