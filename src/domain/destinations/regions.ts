/**
 * Searchable names of regions and of the worldwide destination. Display
 * names live in the locales; these are only for recognising what a user types.
 */
import type { DestinationRef, RegionId } from "./types.ts";

/** Names a user may type for one destination, per language. */
export interface RegionSearchNames {
  destination: DestinationRef;
  names: Readonly<Record<string, readonly string[]>>;
}

const region = (code: RegionId): DestinationRef => ({ kind: "region", code });

/** Region and worldwide names in the bot's languages (en, ru, es) and the other cheap ones. */
export const REGION_SEARCH_NAMES: readonly RegionSearchNames[] = [
  {
    destination: { kind: "global", code: "global" },
    names: {
      en: ["Worldwide", "Global", "World", "Whole world", "Everywhere", "All countries"],
      ru: ["Весь мир", "Мир", "Глобальный", "По всему миру", "Все страны"],
      es: ["Mundo", "Todo el mundo", "Mundial", "Global", "Todos los países"],
      pt: ["Mundo", "Mundial", "Mundo todo"],
      de: ["Weltweit", "Welt", "Global"],
      fr: ["Monde", "Monde entier", "Mondial"],
      it: ["Mondo", "Tutto il mondo", "Mondiale"],
      uk: ["Весь світ", "Світ", "Глобальний"],
    },
  },
  {
    destination: region("europe"),
    names: {
      en: ["Europe", "EU", "European Union"],
      ru: ["Европа", "ЕС", "Евросоюз", "Европейский союз"],
      es: ["Europa", "UE", "Unión Europea"],
      pt: ["Europa", "União Europeia"],
      de: ["Europa", "EU", "Europäische Union"],
      fr: ["Europe", "UE", "Union européenne"],
      it: ["Europa", "UE", "Unione europea"],
      uk: ["Європа", "Євросоюз"],
    },
  },
  {
    destination: region("asia"),
    names: {
      en: ["Asia", "Southeast Asia"],
      ru: ["Азия", "Юго-Восточная Азия"],
      es: ["Asia", "Sudeste Asiático"],
      pt: ["Ásia"],
      de: ["Asien"],
      fr: ["Asie"],
      it: ["Asia"],
      uk: ["Азія"],
    },
  },
  {
    destination: region("north-america"),
    names: {
      en: ["North America"],
      ru: ["Северная Америка"],
      es: ["Norteamérica", "América del Norte", "América", "Norte América"],
      pt: ["América do Norte"],
      de: ["Nordamerika"],
      fr: ["Amérique du Nord"],
      it: ["Nord America", "America del Nord"],
      uk: ["Північна Америка"],
    },
  },
  {
    destination: region("latin-america"),
    names: {
      en: ["Latin America", "South America", "Central America", "LatAm"],
      ru: ["Латинская Америка", "Южная Америка", "Центральная Америка", "Латам"],
      es: ["Latinoamérica", "América Latina", "Sudamérica", "América del Sur", "Suramérica", "Centroamérica", "América"],
      pt: ["América Latina", "América do Sul", "América Central"],
      de: ["Lateinamerika", "Südamerika", "Mittelamerika"],
      fr: ["Amérique latine", "Amérique du Sud", "Amérique centrale"],
      it: ["America Latina", "Sud America", "America del Sud", "America centrale"],
      uk: ["Латинська Америка", "Південна Америка"],
    },
  },
  {
    destination: region("caribbean"),
    names: {
      en: ["Caribbean", "Caribbean Islands", "West Indies"],
      ru: ["Карибы", "Карибские острова", "Карибский бассейн", "Вест-Индия"],
      es: ["Caribe", "Islas del Caribe", "Antillas"],
      pt: ["Caribe", "Caraíbas"],
      de: ["Karibik"],
      fr: ["Caraïbes", "Antilles"],
      it: ["Caraibi"],
      uk: ["Кариби", "Карибські острови"],
    },
  },
  {
    destination: region("middle-east"),
    names: {
      en: ["Middle East", "Mideast", "Gulf", "Near East"],
      ru: ["Ближний Восток", "Средний Восток", "Персидский залив"],
      es: ["Oriente Medio", "Medio Oriente", "Oriente Próximo", "Próximo Oriente"],
      pt: ["Oriente Médio", "Médio Oriente"],
      de: ["Naher Osten", "Nahost"],
      fr: ["Moyen-Orient", "Proche-Orient"],
      it: ["Medio Oriente"],
      uk: ["Близький Схід"],
    },
  },
  {
    destination: region("africa"),
    names: {
      en: ["Africa"],
      ru: ["Африка"],
      es: ["África"],
      pt: ["África"],
      de: ["Afrika"],
      fr: ["Afrique"],
      it: ["Africa"],
      uk: ["Африка"],
    },
  },
  {
    destination: region("oceania"),
    names: {
      en: ["Oceania", "Australia and Oceania", "Pacific Islands"],
      ru: ["Океания", "Австралия и Океания"],
      es: ["Oceanía", "Australia y Oceanía"],
      pt: ["Oceania"],
      de: ["Ozeanien"],
      fr: ["Océanie"],
      it: ["Oceania"],
      uk: ["Океанія"],
    },
  },
  {
    destination: region("balkans"),
    names: {
      en: ["Balkans", "Balkan", "Western Balkans"],
      ru: ["Балканы", "Балканский полуостров"],
      es: ["Balcanes"],
      pt: ["Balcãs", "Bálcãs"],
      de: ["Balkan"],
      fr: ["Balkans"],
      it: ["Balcani"],
      uk: ["Балкани"],
    },
  },
];

/**
 * Broader destinations to suggest when a region is asked for but not sold:
 * a Balkans traveller is served by a Europe plan. Worldwide is always tried last.
 */
export const REGION_FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  balkans: ["europe"],
  caribbean: ["latin-america", "north-america"],
  "middle-east": ["asia"],
  oceania: ["asia"],
};
