/**
 * Every sold country is found by its own names in its official languages
 * (CLDR). The list is generated from the sandbox's catalog as the shop loads
 * it (the real HTTP client), not written by hand, so a country added to the
 * catalog is checked too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDestinationIndex, type DestinationIndex, type DestinationRef } from "../src/domain/destinations/index.ts";
import { endonymReader, officialLanguages } from "../src/domain/destinations/endonyms.ts";
import { startSandboxWithClient, type SandboxWithClient } from "./support/sandbox-client.ts";

let started: SandboxWithClient;
let index: DestinationIndex;
let soldCountries: string[];

beforeAll(async () => {
  started = await startSandboxWithClient();
  const plans = await started.client.listPlans();
  const destinations = new Map<string, DestinationRef>(plans.map((plan) => [`${plan.destination.kind}:${plan.destination.code}`, plan.destination]));
  index = createDestinationIndex([...destinations.values()]);
  soldCountries = [...destinations.values()].filter((d) => d.kind === "country").map((d) => d.code);
});

afterAll(() => started.close());

describe("destination search: endonyms", () => {
  it("the catalog sells enough countries for the check to mean something", () => {
    expect(soldCountries.length).toBeGreaterThanOrEqual(190);
  });

  it("finds every sold country by each of its endonyms, whatever the traveller's language", () => {
    const read = endonymReader();
    const misses: string[] = [];
    let checked = 0;
    for (const code of soldCountries) {
      for (const endonym of read(code)) {
        for (const language of ["en", "ru", "es", endonym.language]) {
          checked += 1;
          const match = index.search(endonym.name, language);
          const ok = match.kind === "found" && match.destination.kind === "country" && match.destination.code === code;
          if (!ok) misses.push(`${code} ${endonym.language} “${endonym.name}” (${language}): ${JSON.stringify(match)}`);
        }
      }
    }
    expect(misses).toEqual([]);
    // Nearly every sold country has at least one endonym: a broken CLDR import would make this loop empty.
    expect(checked).toBeGreaterThan(soldCountries.length * 4);
  });

  it.each([
    ["日本", "JP"],
    ["ไทย", "TH"],
    ["Србија", "RS"],
    ["Srbija", "RS"],
    ["Suomi", "FI"],
    ["Ελλάδα", "GR"],
    ["საქართველო", "GE"],
    ["대한민국", "KR"],
    ["Türkiye", "TR"],
    ["Magyarország", "HU"],
  ])("examples: %s is %s", (name, code) => {
    expect(index.search(name, "en")).toEqual({ kind: "found", destination: { kind: "country", code } });
  });

  it("official languages come from CLDR, regional ones left out", () => {
    expect(officialLanguages("CH")).toEqual(expect.arrayContaining(["de", "fr", "it"]));
    expect(officialLanguages("CH")).not.toContain("rm");
    expect(officialLanguages("RS")).toEqual(expect.arrayContaining(["sr", "sr-Latn"]));
    expect(officialLanguages("ZZ")).toEqual([]);
  });
});
