/**
 * Short country names for buttons and messages where the i18n-iso-countries
 * name is a long official form ("КНР (Китайская Народная Республика)",
 * "Moldova, Republic of") or a bare alias that would collide ("Congo" twice).
 * Searchable too. Languages and countries not listed use the library's first name.
 */
export const DISPLAY_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  en: {
    BN: "Brunei",
    CD: "DR Congo",
    CG: "Republic of the Congo",
    CI: "Côte d'Ivoire",
    CN: "China",
    CZ: "Czechia",
    FK: "Falkland Islands",
    FM: "Micronesia",
    GM: "Gambia",
    IR: "Iran",
    KR: "South Korea",
    LA: "Laos",
    MD: "Moldova",
    MF: "Saint Martin",
    MK: "North Macedonia",
    PS: "Palestine",
    RU: "Russia",
    SX: "Sint Maarten",
    SY: "Syria",
    TW: "Taiwan",
    TZ: "Tanzania",
    US: "United States",
    VA: "Vatican City",
    VG: "British Virgin Islands",
    VI: "U.S. Virgin Islands",
  },
  ru: {
    CD: "ДР Конго",
    CN: "Китай",
    KP: "Северная Корея",
    KR: "Южная Корея",
    PS: "Палестина",
    RU: "Россия",
    VG: "Британские Виргинские острова",
    VI: "Американские Виргинские острова",
  },
  es: {
    BN: "Brunéi",
    CD: "República Democrática del Congo",
    CG: "República del Congo",
    KP: "Corea del Norte",
    KR: "Corea del Sur",
    LA: "Laos",
    SY: "Siria",
    VA: "Ciudad del Vaticano",
  },
  uk: {
    KP: "Північна Корея",
    KR: "Південна Корея",
  },
};

/**
 * Corrections to the library's names: replace its list for a country in one
 * language. Its Portuguese file has the two Congos swapped. Its French names
 * both halves of Saint Martin "Saint-Martin (partie …)", and the bare
 * "Saint-Martin" left after the parentheses go is the French half's own name.
 */
export const NAME_CORRECTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  fr: {
    SX: ["Sint-Maarten", "Saint-Martin partie néerlandaise"],
  },
  pt: {
    CG: ["República do Congo", "Congo-Brazzaville"],
    CD: ["República Democrática do Congo", "Congo-Kinshasa"],
  },
};
