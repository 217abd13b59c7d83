/**
 * Country names and ISO codes, read straight from i18n-iso-countries' data
 * files: the library's `registerLocale` mutates global state, so it is not used.
 */
import codes from "i18n-iso-countries/codes.json" with { type: "json" };
import de from "i18n-iso-countries/langs/de.json" with { type: "json" };
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import es from "i18n-iso-countries/langs/es.json" with { type: "json" };
import fr from "i18n-iso-countries/langs/fr.json" with { type: "json" };
import it from "i18n-iso-countries/langs/it.json" with { type: "json" };
import pt from "i18n-iso-countries/langs/pt.json" with { type: "json" };
import ru from "i18n-iso-countries/langs/ru.json" with { type: "json" };
import uk from "i18n-iso-countries/langs/uk.json" with { type: "json" };
import { DISPLAY_NAMES, NAME_CORRECTIONS } from "./display-names.ts";

/** A country's names in one language, as the library stores them: official first, then aliases. */
type LibraryNames = string | string[];
type LibraryLocale = Readonly<Record<string, LibraryNames | undefined>>;

/** The library's names per language; the bot speaks en/ru/es, the rest are free and cheap. */
const LIBRARY_LOCALES: Readonly<Record<string, LibraryLocale>> = {
  en: en.countries,
  ru: ru.countries,
  es: es.countries,
  de: de.countries,
  fr: fr.countries,
  it: it.countries,
  pt: pt.countries,
  uk: uk.countries,
};

/** Languages whose country names are known, English first. */
export const COUNTRY_NAME_LANGUAGES: readonly string[] = Object.keys(LIBRARY_LOCALES);

/** The base language of a locale tag: "es-MX" → "es", "RU" → "ru". */
export function baseLanguage(language: string): string {
  return (language.trim().toLowerCase().split(/[-_]/)[0] ?? "") || "en";
}

/** True for an ISO 3166-1 alpha-2 code the library knows ("JP", "XK"); case-sensitive, upper-case. */
export function isCountryCode(code: string): boolean {
  return LIBRARY_LOCALES.en?.[code] !== undefined;
}

/** Every ISO alpha-2 code with its alpha-3 code: [["AF", "AFG"], ...]. */
export function countryCodes(): [alpha2: string, alpha3: string][] {
  return codes.flatMap((row): [string, string][] => {
    const [alpha2, alpha3] = row;
    return alpha2 && alpha3 ? [[alpha2, alpha3]] : [];
  });
}

/** All names of a country in one language: display name first, then the library's, without repeats. */
export function countryNames(alpha2: string, language: string): string[] {
  const lang = baseLanguage(language);
  const code = alpha2.toUpperCase();
  const library = NAME_CORRECTIONS[lang]?.[code] ?? LIBRARY_LOCALES[lang]?.[code] ?? [];
  const names = [DISPLAY_NAMES[lang]?.[code], ...(typeof library === "string" ? [library] : library)];
  return [...new Set(names.filter((name): name is string => name !== undefined))];
}

/**
 * The name of a country for a button or a message, in the user's language
 * with English as the fallback: "JP", "ru" → "Япония"; "GB", "en" → "United
 * Kingdom"; "US", "ru" → "США". Unknown codes come back as given.
 */
export function countryName(alpha2: string, language: string): string {
  return countryNames(alpha2, language)[0] ?? countryNames(alpha2, "en")[0] ?? alpha2;
}
