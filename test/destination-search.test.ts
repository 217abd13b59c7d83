import { describe, expect, it } from "vitest";
import {
  countryCodeFromFlag,
  countryName,
  createDestinationIndex,
  flagCodes,
  flagEmoji,
  REGION_IDS,
  type DestinationMatch,
  type DestinationRef,
} from "../src/domain/destinations/index.ts";
import { COUNTRY_NAME_LANGUAGES, countryCodes, countryNames } from "../src/domain/destinations/country-names.ts";
import { REGION_SEARCH_NAMES } from "../src/domain/destinations/regions.ts";
import { typoDistance } from "../src/domain/destinations/typo-distance.ts";

const country = (code: string): DestinationRef => ({ kind: "country", code });
const region = (code: string): DestinationRef => ({ kind: "region", code });
const GLOBAL: DestinationRef = { kind: "global", code: "global" };
const found = (destination: DestinationRef): DestinationMatch => ({ kind: "found", destination });

/** A catalog like a real one: popular countries, both Congos, both Virgin Islands, most regions. Not sold: KP, CH, SE, MY, Balkans, Africa... */
const SOLD_COUNTRIES = [
  ...["JP", "TH", "FR", "DE", "ES", "IT", "US", "GB", "AE", "NL", "KR", "CZ", "TR", "VN", "RU", "CN", "IN", "ID"],
  ...["MX", "BR", "AR", "CA", "AU", "NZ", "ZA", "CR", "PR", "EG", "GE", "BY", "CI", "MK", "PH", "CO", "MT", "MV"],
  ...["CD", "CG", "VG", "VI", "GN", "SD", "TG", "PT", "GR", "CL", "MD", "KG", "DO"],
];
const SOLD: DestinationRef[] = [
  ...SOLD_COUNTRIES.map(country),
  ...["europe", "asia", "north-america", "latin-america", "middle-east"].map(region),
  GLOBAL,
];
const index = createDestinationIndex(SOLD);
const soldIds = new Set(SOLD.map((d) => `${d.kind}:${d.code}`));

/** Every destination a match offers the user. */
function offered(match: DestinationMatch): DestinationRef[] {
  switch (match.kind) {
    case "found":
      return [match.destination];
    case "ambiguous":
      return match.options;
    case "none":
      return match.suggestions;
    case "not-sold":
      return [];
  }
}

describe("destination search: names", () => {
  it.each([
    ["Japan", "en", "JP"],
    ["japan", "ru", "JP"],
    ["Япония", "ru", "JP"],
    ["япония", "en", "JP"],
    ["Japón", "es", "JP"],
    ["japon", "es", "JP"],
    ["Germany", "en", "DE"],
    ["Германия", "ru", "DE"],
    ["Alemania", "es", "DE"],
    ["Deutschland", "en", "DE"],
    ["Allemagne", "ru", "DE"],
    ["Giappone", "es", "JP"],
    ["Tailândia", "en", "TH"],
    ["Таиланд", "ru", "TH"],
    ["Тайланд", "ru", "TH"],
    ["Tailandia", "es", "TH"],
    ["ESTADOS UNIDOS", "es", "US"],
    ["Соединённые Штаты Америки", "ru", "US"],
    ["Соединенные Штаты", "ru", "US"],
    ["Cote d'Ivoire", "en", "CI"],
    ["Côte d’Ivoire", "en", "CI"],
    ["Кот-д’Ивуар", "ru", "CI"],
    ["Costa de Marfil", "es", "CI"],
    ["  new   zealand  ", "en", "NZ"],
    ["New-Zealand!", "en", "NZ"],
    ["Nueva Zelanda", "es", "NZ"],
    ["Новая Зеландия", "ru", "NZ"],
    ["Moldova, Republic of", "en", "MD"],
    ["Молдавия", "ru", "MD"],
    ["Киргизия", "ru", "KG"],
    ["Китай", "ru", "CN"],
    ["КНР", "ru", "CN"],
    ["China", "es", "CN"],
    ["Guinea", "en", "GN"],
    ["Sudan", "en", "SD"],
    ["Republic of the Congo", "en", "CG"],
    ["Democratic Republic of the Congo", "en", "CD"],
    ["Демократическая Республика Конго", "ru", "CD"],
  ])("%s (%s) → %s", (query, language, code) => {
    expect(index.search(query, language)).toEqual(found(country(code)));
  });

  it("finds a name whatever the user's language, and takes regional locale tags", () => {
    for (const language of ["en", "ru", "es", "de", "zh", "pt-BR", "es-MX", "RU", ""]) {
      expect(index.search("Франция", language)).toEqual(found(country("FR")));
      expect(index.search("Francia", language)).toEqual(found(country("FR")));
    }
  });
});

describe("destination search: ISO codes", () => {
  it.each([
    ["JP", "JP"],
    ["jp", "JP"],
    ["Jp", "JP"],
    ["JPN", "JP"],
    ["jpn", "JP"],
    ["DEU", "DE"],
    ["de", "DE"],
    ["gbr", "GB"],
    ["GB", "GB"],
    ["ARE", "AE"],
    [" kor ", "KR"],
  ])("%s → %s", (query, code) => {
    expect(index.search(query, "en")).toEqual(found(country(code)));
  });

  it("answers a code of an unsold country as not sold", () => {
    expect(index.search("PRK", "en")).toEqual({ kind: "not-sold", countryCode: "KP" });
    expect(index.search("ch", "en")).toEqual({ kind: "not-sold", countryCode: "CH" });
  });
});

describe("destination search: aliases", () => {
  it.each([
    ["UK", "en", "GB"],
    ["U.K.", "en", "GB"],
    ["Britain", "en", "GB"],
    ["Great Britain", "ru", "GB"],
    ["England", "en", "GB"],
    ["Scotland", "en", "GB"],
    ["USA", "en", "US"],
    ["U.S.A.", "es", "US"],
    ["US", "en", "US"],
    ["the States", "en", "US"],
    ["America", "en", "US"],
    ["America", "ru", "US"],
    ["Hawaii", "en", "US"],
    ["Holland", "en", "NL"],
    ["The Netherlands", "en", "NL"],
    ["UAE", "en", "AE"],
    ["Emirates", "en", "AE"],
    ["Dubai", "ru", "AE"],
    ["Korea", "en", "KR"],
    ["South Korea", "en", "KR"],
    ["Czechia", "en", "CZ"],
    ["Czech Republic", "en", "CZ"],
    ["Türkiye", "en", "TR"],
    ["Turkiye", "en", "TR"],
    ["Turkey", "en", "TR"],
    ["Russia", "en", "RU"],
    ["Russian Federation", "en", "RU"],
    ["Vietnam", "en", "VN"],
    ["Viet Nam", "en", "VN"],
    ["Ivory Coast", "en", "CI"],
    ["Macedonia", "en", "MK"],
    ["DRC", "en", "CD"],
    ["Bali", "en", "ID"],
    ["Штаты", "ru", "US"],
    ["США", "ru", "US"],
    ["Америка", "ru", "US"],
    ["Англия", "ru", "GB"],
    ["Британия", "ru", "GB"],
    ["Великобритания", "ru", "GB"],
    ["ОАЭ", "ru", "AE"],
    ["Эмираты", "ru", "AE"],
    ["Корея", "ru", "KR"],
    ["Южная Корея", "ru", "KR"],
    ["Голландия", "ru", "NL"],
    ["Чехия", "ru", "CZ"],
    ["РФ", "ru", "RU"],
    ["Белоруссия", "ru", "BY"],
    ["Беларусь", "ru", "BY"],
    ["Доминикана", "ru", "DO"],
    ["EEUU", "es", "US"],
    ["EE. UU.", "es", "US"],
    ["EE.UU.", "es", "US"],
    ["Reino Unido", "es", "GB"],
    ["Inglaterra", "es", "GB"],
    ["Emiratos", "es", "AE"],
    ["Holanda", "es", "NL"],
    ["Corea", "es", "KR"],
    ["Corea del Sur", "es", "KR"],
    ["Chequia", "es", "CZ"],
    ["Turquía", "es", "TR"],
  ])("%s (%s) → %s", (query, language, code) => {
    expect(index.search(query, language)).toEqual(found(country(code)));
  });
});

describe("destination search: flags", () => {
  it("finds a country by its flag, alone or in text", () => {
    expect(index.search("🇯🇵", "en")).toEqual(found(country("JP")));
    expect(index.search("  🇯🇵  ", "ru")).toEqual(found(country("JP")));
    expect(index.search("going to 🇹🇭!", "en")).toEqual(found(country("TH")));
  });

  it("offers every flagged country, in the order sent", () => {
    expect(index.search("🇯🇵🇰🇷", "en")).toEqual({ kind: "ambiguous", options: [country("JP"), country("KR")] });
    expect(index.search("🇰🇷 🇯🇵", "en")).toEqual({ kind: "ambiguous", options: [country("KR"), country("JP")] });
  });

  it("reads the EU flag as Europe and the Scottish flag as the United Kingdom", () => {
    expect(index.search("🇪🇺", "en")).toEqual(found(region("europe")));
    expect(index.search("🏴󠁧󠁢󠁳󠁣󠁴󠁿", "en")).toEqual(found(country("GB")));
  });

  it("answers the flag of an unsold country as not sold", () => {
    expect(index.search("🇰🇵", "en")).toEqual({ kind: "not-sold", countryCode: "KP" });
  });

  it("ignores emoji that are not flags", () => {
    expect(index.search("😀", "en")).toEqual({ kind: "none", suggestions: [] });
    expect(index.search("✈️🌍", "en")).toEqual({ kind: "none", suggestions: [] });
    expect(index.search("😀 Japan", "en")).toEqual(found(country("JP")));
  });
});

describe("destination search: regions and worldwide", () => {
  it.each([
    ["Europe", "en", region("europe")],
    ["Европа", "ru", region("europe")],
    ["Europa", "es", region("europe")],
    ["EU", "en", region("europe")],
    ["Евросоюз", "ru", region("europe")],
    ["Asia", "en", region("asia")],
    ["Азия", "ru", region("asia")],
    ["asia", "es", region("asia")],
    ["North America", "en", region("north-america")],
    ["Северная Америка", "ru", region("north-america")],
    ["América del Norte", "es", region("north-america")],
    ["Latin America", "en", region("latin-america")],
    ["Латинская Америка", "ru", region("latin-america")],
    ["Latinoamérica", "es", region("latin-america")],
    ["South America", "en", region("latin-america")],
    ["Middle East", "en", region("middle-east")],
    ["Ближний Восток", "ru", region("middle-east")],
    ["Oriente Medio", "es", region("middle-east")],
    ["Medio Oriente", "es", region("middle-east")],
    ["Worldwide", "en", GLOBAL],
    ["Global", "en", GLOBAL],
    ["global", "ru", GLOBAL],
    ["Весь мир", "ru", GLOBAL],
    ["весь  мир!", "ru", GLOBAL],
    ["Mundo", "es", GLOBAL],
    ["Todo el mundo", "es", GLOBAL],
    ["north-america", "en", region("north-america")],
  ])("%s (%s)", (query, language, destination) => {
    expect(index.search(query, language)).toEqual(found(destination));
  });

  it("lets the user's language decide what a shared word means", () => {
    // "America" is the USA to an English or Russian speaker, the continent to a Spanish one.
    expect(index.search("America", "en")).toEqual(found(country("US")));
    expect(index.search("América", "es")).toEqual({
      kind: "ambiguous",
      options: [region("north-america"), region("latin-america")],
    });
  });

  it("offers wider sold destinations for a region that is not sold", () => {
    expect(index.search("Balkans", "en")).toEqual({ kind: "none", suggestions: [region("europe"), GLOBAL] });
    expect(index.search("Балканы", "ru")).toEqual({ kind: "none", suggestions: [region("europe"), GLOBAL] });
    expect(index.search("Africa", "en")).toEqual({ kind: "none", suggestions: [GLOBAL] });
  });

  it("knows a name for every region id in en, ru and es", () => {
    const named = new Map(REGION_SEARCH_NAMES.map((r) => [r.destination.code, r.names]));
    for (const id of REGION_IDS) {
      for (const language of ["en", "ru", "es"]) expect(named.get(id)?.[language]?.length ?? 0, `${id} ${language}`).toBeGreaterThan(0);
    }
  });
});

describe("destination search: prefixes", () => {
  it.each([
    ["jap", "en", "JP"],
    ["Japa", "ru", "JP"],
    ["герм", "ru", "DE"],
    ["гер", "ru", "DE"],
    ["alem", "es", "DE"],
    ["Thai", "en", "TH"],
    ["unitedst", "en", "US"],
    ["Вьет", "ru", "VN"],
    ["zealand", "en", "NZ"],
    ["Зеландия", "ru", "NZ"],
  ])("%s (%s) → %s", (query, language, code) => {
    expect(index.search(query, language)).toEqual(found(country(code)));
  });

  it("offers every sold destination sharing a prefix, sorted by name", () => {
    // Malaysia, Mali, Malawi also start with "mal" but are not sold.
    expect(index.search("mal", "en")).toEqual({ kind: "ambiguous", options: [country("MV"), country("MT")] });
    expect(index.search("Virgin Islands", "en")).toEqual({ kind: "ambiguous", options: [country("VG"), country("VI")] });
  });

  it("needs three letters for a prefix", () => {
    expect(index.search("ja", "en")).not.toEqual(found(country("JP")));
    expect(index.search("г", "ru").kind).toBe("none");
  });
});

describe("destination search: ambiguous names", () => {
  it("offers both Congos for 'Congo', named in the user's language", () => {
    expect(index.search("Congo", "en")).toEqual({ kind: "ambiguous", options: [country("CD"), country("CG")] });
    expect(index.search("Конго", "ru")).toEqual({ kind: "ambiguous", options: [country("CD"), country("CG")] });
  });

  it("offers the countries a sentence names, in the order typed", () => {
    expect(index.search("Japan and Korea", "en")).toEqual({ kind: "ambiguous", options: [country("JP"), country("KR")] });
    expect(index.search("Таиланд или Вьетнам", "ru")).toEqual({ kind: "ambiguous", options: [country("TH"), country("VN")] });
  });

  it("finds a name inside a sentence, and not across word breaks", () => {
    expect(index.search("I need an eSIM for Japan please", "en")).toEqual(found(country("JP")));
    expect(index.search("еду в Южную Корею, а потом в Japan", "ru")).toEqual({
      kind: "ambiguous",
      options: [country("KR"), country("JP")],
    });
    expect(index.search("esim para Estados Unidos 10 GB", "es")).toEqual(found(country("US")));
    // "to go" is not Togo.
    expect(index.search("where to go", "en").kind).toBe("none");
  });
});

describe("destination search: inflected Russian names", () => {
  it.each([
    ["Японию", "JP"],
    ["в Японию", "JP"],
    ["хочу в Турцию на неделю", "TR"],
    ["Турции", "TR"],
    ["в Южную Корею", "KR"],
    ["Южной Корее", "KR"],
    ["в Китае", "CN"],
    ["во Вьетнаме", "VN"],
    ["в Эмиратах", "AE"],
    ["в Штатах", "US"],
    ["Новую Зеландию", "NZ"],
    ["Грузию", "GE"],
    ["Японії", "JP"],
  ])("%s → %s", (query, code) => {
    expect(index.search(query, "ru")).toEqual(found(country(code)));
  });

  it("finds inflected regions and knows an inflected country that is not sold", () => {
    expect(index.search("по Европе", "ru")).toEqual(found(region("europe")));
    expect(index.search("Азию", "ru")).toEqual(found(region("asia")));
    expect(index.search("по всему миру", "ru")).toEqual(found(GLOBAL));
    expect(index.search("в Швейцарию", "ru")).toEqual({ kind: "not-sold", countryCode: "CH" });
  });

  it("does not take ordinary words for places", () => {
    for (const query of ["хочу поехать", "еду на неделю", "спасибо", "сколько стоит", "не работает", "купить есим"]) {
      expect(index.search(query, "ru"), query).toEqual({ kind: "none", suggestions: [] });
    }
  });
});

describe("destination search: countries not sold", () => {
  it.each([
    ["North Korea", "en", "KP"],
    ["Северная Корея", "ru", "KP"],
    ["Corea del Norte", "es", "KP"],
    ["Switzerland", "en", "CH"],
    ["Швейцария", "ru", "CH"],
    ["Suiza", "es", "CH"],
    ["Schweiz", "en", "CH"],
    ["sweden", "en", "SE"],
    ["Малайзия", "ru", "MY"],
    ["I am flying to North Korea", "en", "KP"],
  ])("%s (%s) → not sold %s", (query, language, code) => {
    expect(index.search(query, language)).toEqual({ kind: "not-sold", countryCode: code });
  });
});

describe("destination search: typos", () => {
  it.each([
    ["Jpan", "en", "JP"],
    ["Japna", "en", "JP"],
    ["Germny", "en", "DE"],
    ["Thialand", "en", "TH"],
    ["Thailnd", "en", "TH"],
    ["Франкция", "ru", "FR"],
    ["Гремания", "ru", "DE"],
    ["Filipnas", "en", "PH"],
    ["Philipines", "en", "PH"],
    ["Филипины", "ru", "PH"],
    ["Columbia", "en", "CO"],
    ["Mehico", "es", "MX"],
    ["Argentinia", "en", "AR"],
    ["Inglatera", "es", "GB"],
    ["esim for jpan", "en", "JP"],
  ])("%s (%s) suggests %s first", (query, language, code) => {
    const match = index.search(query, language);
    expect(match.kind).toBe("none");
    expect(offered(match)[0]).toEqual(country(code));
  });

  it("returns at most five suggestions, without repeats", () => {
    for (const query of ["Mala", "Austrlia", "Indai", "Portgual", "Grece", "Cina"]) {
      const suggestions = offered(index.search(query, "en"));
      expect(suggestions.length).toBeLessThanOrEqual(5);
      expect(new Set(suggestions.map((s) => s.code)).size).toBe(suggestions.length);
    }
  });

  it("counts a swap of neighbouring letters as one typo", () => {
    expect(typoDistance("japna", "japan", 1)).toBe(1);
    expect(typoDistance("jpan", "japan", 1)).toBe(1);
    expect(typoDistance("japan", "japan", 1)).toBe(0);
    expect(typoDistance("napaj", "japan", 1)).toBeNull();
    expect(typoDistance("jp", "japan", 2)).toBeNull();
    expect(typoDistance("гремания", "германия", 1)).toBe(1);
  });

  it("suggests nothing for nonsense", () => {
    for (const query of ["asdfgh", "qwertyuiop", "zzzz", "12345", "?!", "xyz"]) {
      expect(index.search(query, "en"), query).toEqual({ kind: "none", suggestions: [] });
    }
  });
});

describe("destination search: odd input", () => {
  it("answers empty and blank input with nothing", () => {
    for (const query of ["", " ", "   \n\t ", "...", "—", "\u200b"]) {
      expect(index.search(query, "en")).toEqual({ kind: "none", suggestions: [] });
    }
  });

  it("handles very long input without blowing up", () => {
    const inputs = ["x".repeat(100_000), "Japan ".repeat(10_000), "🇯🇵".repeat(5_000), `${"word ".repeat(5_000)}Japan`];
    for (const input of inputs) expect(["none", "found", "ambiguous"]).toContain(index.search(input, "en").kind);
  });
});

describe("destination search: only sold destinations", () => {
  it("never offers a destination that is not in the index, whatever is typed", () => {
    const queries = countryCodes().flatMap(([alpha2, alpha3]) => [
      alpha2,
      alpha3,
      ...COUNTRY_NAME_LANGUAGES.flatMap((language) => countryNames(alpha2, language)),
      ...["en", "ru", "es"].map((language) => countryName(alpha2, language).slice(0, 4)),
    ]);
    for (const region of REGION_SEARCH_NAMES) queries.push(...Object.values(region.names).flat());
    for (const query of queries) {
      const match = index.search(query, "en");
      for (const destination of offered(match)) expect(soldIds.has(`${destination.kind}:${destination.code}`), query).toBe(true);
      if (match.kind === "not-sold") expect(soldIds.has(`country:${match.countryCode}`), query).toBe(false);
    }
  });

  it("finds every country of a full catalog by its displayed name in en, ru and es", () => {
    const everything = createDestinationIndex(countryCodes().map(([alpha2]) => country(alpha2)));
    const misses: string[] = [];
    for (const [alpha2] of countryCodes()) {
      for (const language of ["en", "ru", "es"]) {
        const match = everything.search(countryName(alpha2, language), language);
        if (match.kind !== "found" || match.destination.code !== alpha2) misses.push(`${language}:${alpha2}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("finds nothing in an empty catalog, but still knows real countries", () => {
    const empty = createDestinationIndex([]);
    expect(empty.search("Japan", "en")).toEqual({ kind: "not-sold", countryCode: "JP" });
    expect(empty.search("Europe", "en")).toEqual({ kind: "none", suggestions: [] });
    expect(empty.search("Jpan", "en")).toEqual({ kind: "none", suggestions: [] });
  });

  it("matches prefixes only in the user's, English and the bot's languages", () => {
    const everything = createDestinationIndex(countryCodes().map(([alpha2]) => country(alpha2)));
    // German "Simbabwe" starts with "sim"; nobody typing "sim" means Zimbabwe.
    expect(offered(everything.search("sim", "ru"))).not.toContainEqual(country("ZW"));
    expect(everything.search("Simbabwe", "ru")).toEqual(found(country("ZW")));
    expect(everything.search("Simbab", "de")).toEqual(found(country("ZW")));
  });

  it("accepts lower-case country codes and region ids it does not know", () => {
    const custom = createDestinationIndex([country("jp"), region("scandinavia")]);
    expect(custom.search("Japan", "en")).toEqual(found(country("JP")));
    expect(custom.search("Scandinavia", "en")).toEqual(found(region("scandinavia")));
    expect(custom.search("Thailand", "en")).toEqual({ kind: "not-sold", countryCode: "TH" });
  });

  it("returns copies, so changing a result cannot change the index", () => {
    const first = index.search("Japan", "en");
    if (first.kind !== "found") throw new Error("expected found");
    first.destination.code = "XX";
    expect(index.search("Japan", "en")).toEqual(found(country("JP")));
  });
});

describe("flags and country names", () => {
  it("turns codes into flags and back", () => {
    expect(flagEmoji("JP")).toBe("🇯🇵");
    expect(flagEmoji("gb")).toBe("🇬🇧");
    expect(flagEmoji("JPN")).toBe("");
    expect(flagEmoji("")).toBe("");
    expect(countryCodeFromFlag("🇯🇵")).toBe("JP");
    expect(countryCodeFromFlag("trip to 🇹🇭 and 🇻🇳")).toBe("TH");
    expect(countryCodeFromFlag("🇪🇺 🇫🇷")).toBe("FR");
    expect(countryCodeFromFlag("Japan")).toBeNull();
    expect(countryCodeFromFlag("😀")).toBeNull();
    expect(flagCodes("🇪🇺🏴󠁧󠁢󠁥󠁮󠁧󠁿🇯🇵")).toEqual(["EU", "GB", "JP"]);
    for (const [alpha2] of countryCodes()) expect(countryCodeFromFlag(flagEmoji(alpha2))).toBe(alpha2);
  });

  it.each([
    ["JP", "en", "Japan"],
    ["JP", "ru", "Япония"],
    ["JP", "es", "Japón"],
    ["GB", "en", "United Kingdom"],
    ["GB", "ru", "Великобритания"],
    ["GB", "es", "Reino Unido"],
    ["US", "en", "United States"],
    ["US", "ru", "США"],
    ["US", "es", "Estados Unidos"],
    ["KR", "en", "South Korea"],
    ["KR", "ru", "Южная Корея"],
    ["KR", "es", "Corea del Sur"],
    ["CN", "ru", "Китай"],
    ["RU", "en", "Russia"],
    ["RU", "ru", "Россия"],
    ["MD", "en", "Moldova"],
    ["CD", "en", "DR Congo"],
    ["AE", "en", "United Arab Emirates"],
    ["jp", "de", "Japan"],
    ["FR", "fr", "France"],
    ["DE", "pt-BR", "Alemanha"],
    ["JP", "ja", "Japan"],
    ["JP", "", "Japan"],
    ["XX", "en", "XX"],
  ])("countryName(%s, %s) is %s", (code, language, name) => {
    expect(countryName(code, language)).toBe(name);
  });

  it("gives a name to every country in every supported language", () => {
    for (const language of COUNTRY_NAME_LANGUAGES) {
      for (const [alpha2] of countryCodes()) expect(countryName(alpha2, language).length, `${alpha2} ${language}`).toBeGreaterThan(1);
    }
  });
});
