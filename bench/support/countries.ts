import countries from "i18n-iso-countries";

/** Every ISO 3166-1 alpha-2 code. */
export function getCountries(): string[] {
  return Object.keys(countries.getAlpha2Codes());
}
