/**
 * Callback data and deep links: what a builder makes parses back to the same
 * values, data fits Telegram's limits, and forged data parses to null.
 */
import { describe, expect, it } from "vitest";
import {
  BUY,
  LANGUAGE,
  MAX_CALLBACK_BYTES,
  MENU,
  MY_ESIMS,
  parseBuyButton,
  parseLanguageButton,
  parseMyEsimsButton,
  parseRenewButton,
  INSTALL,
  parseInstallButton,
  parseStartButton,
  parseTopUpButton,
  parseTripButton,
  RENEW,
  START,
  TRIP,
  TOP_UP,
} from "../src/bot/callback-data.ts";
import { deepLinkUrl, parseDeepLink, START_PAYLOAD } from "../src/bot/deep-links.ts";

const ESIM_ID = "esim_01HZX3K9Q7W2V5T8R6M4N0P1";

describe("callback data", () => {
  it("parses back what the builders make", () => {
    expect(parseLanguageButton(LANGUAGE.choose("es"))).toBe("es");
    expect(parseMyEsimsButton(MY_ESIMS.page(3))).toEqual({ kind: "page", page: 3 });
    expect(parseMyEsimsButton(MY_ESIMS.card(ESIM_ID))).toEqual({ kind: "card", esimId: ESIM_ID });
    expect(parseMyEsimsButton(MY_ESIMS.refresh(ESIM_ID))).toEqual({ kind: "refresh", esimId: ESIM_ID });
    expect(parseMyEsimsButton(MY_ESIMS.qr(ESIM_ID))).toEqual({ kind: "qr", esimId: ESIM_ID });
    expect(parseTopUpButton(TOP_UP.options(ESIM_ID))).toEqual({ kind: "options", esimId: ESIM_ID });
    expect(parseTopUpButton(TOP_UP.choose(ESIM_ID, "jp-1gb-7d")!)).toEqual({ kind: "choose", esimId: ESIM_ID, planId: "jp-1gb-7d" });
    expect(parseRenewButton(RENEW.data({ kind: "region", code: "latin-america" }))).toEqual({ kind: "region", code: "latin-america" });
    expect(parseBuyButton(BUY.destination({ kind: "country", code: "JP" }))).toEqual({
      kind: "destination",
      destination: { kind: "country", code: "JP" },
    });
    expect(parseBuyButton(BUY.data(3072))).toEqual({ kind: "data", dataMb: 3072 });
    expect(parseBuyButton(BUY.validity(2))).toEqual({ kind: "validity", index: 2 });
    expect(parseBuyButton(BUY.pay)).toEqual({ kind: "pay" });
    expect(parseBuyButton(BUY.summary)).toEqual({ kind: "summary" });
    expect(parseBuyButton(BUY.plan(11))).toEqual({ kind: "plan", index: 11 });
    expect(parseBuyButton(BUY.steps)).toEqual({ kind: "steps" });
    expect(parseStartButton(START.destination({ kind: "country", code: "JP" }))).toEqual({ kind: "country", code: "JP" });
    expect(parseTripButton(TRIP.day(ESIM_ID, "2026-12-24"))).toEqual({ kind: "day", esimId: ESIM_ID, day: "2026-12-24" });
    expect(parseTripButton(TRIP.page(ESIM_ID, 13))).toEqual({ kind: "page", esimId: ESIM_ID, page: 13 });
    expect(parseTripButton(TRIP.skip(ESIM_ID))).toEqual({ kind: "skip", esimId: ESIM_ID });
    expect(parseTripButton(TRIP.ask(ESIM_ID))).toEqual({ kind: "ask", esimId: ESIM_ID });
    expect(parseInstallButton(INSTALL.installed(ESIM_ID))).toEqual({ kind: "installed", esimId: ESIM_ID });
    expect(parseInstallButton(INSTALL.help(ESIM_ID))).toEqual({ kind: "help", esimId: ESIM_ID });
  });

  it("keeps every family apart: one family's data is null to the others' parsers", () => {
    const parsers = [parseLanguageButton, parseMyEsimsButton, parseTopUpButton, parseRenewButton, parseBuyButton, parseStartButton, parseTripButton, parseInstallButton];
    const samples = [
      LANGUAGE.choose("en"),
      MY_ESIMS.card(ESIM_ID),
      TOP_UP.options(ESIM_ID),
      RENEW.data({ kind: "global", code: "global" }),
      BUY.cancel,
      START.destination({ kind: "region", code: "europe" }),
      TRIP.skip(ESIM_ID),
      INSTALL.help(ESIM_ID),
    ];
    samples.forEach((data, family) => {
      parsers.forEach((parse, other) => expect(parse(data) !== null).toBe(family === other));
    });
    for (const data of Object.values(MENU)) for (const parse of parsers) expect(parse(data)).toBeNull();
  });

  it("parses forged data to null", () => {
    const forged = [
      "lang:xx",
      "lang:en:extra",
      "my:l:-1",
      "my:c:",
      "my:c:../../etc",
      `my:c:${"x".repeat(41)}`,
      "my:z:abc",
      "tu:a b",
      "tu:esim:plan with spaces",
      "renew:planet:mars",
      "renew:country:J",
      "buy:dest:country:<b>",
      "buy:data:-5",
      "buy:data:1e9",
      "buy:val:100",
      "buy:plan:100",
      "buy:plan:-1",
      "start:country:<b>",
      "start:planet:mars",
      "tr:esim:2026-1-1",
      "tr:esim:p100",
      "tr:esim:later",
      `tr:${"e".repeat(41)}:skip`,
      "inst:maybe:esim",
      "inst:ok:",
      "buy:nothing",
      "💥".repeat(16),
      "",
    ];
    const parsers = [parseLanguageButton, parseMyEsimsButton, parseTopUpButton, parseRenewButton, parseBuyButton, parseStartButton, parseTripButton, parseInstallButton];
    for (const data of forged) expect(parsers.map((parse) => parse(data))).toEqual(parsers.map(() => null));
  });

  it("leaves out a top-up option whose ids would not fit in 64 bytes", () => {
    const longPlan = "p".repeat(40);
    const data = TOP_UP.choose("e".repeat(21), longPlan);
    expect(data).toBeNull();
    const fitting = TOP_UP.choose("e".repeat(20), longPlan);
    expect(Buffer.byteLength(fitting!)).toBe(MAX_CALLBACK_BYTES);
    expect(TOP_UP.choose(ESIM_ID, "plan/with/slashes")).toBeNull();
  });

  it("builds only data within Telegram's limit for the longest destinations and ids", () => {
    const longest = [
      BUY.destination({ kind: "region", code: "r".repeat(32) }),
      RENEW.data({ kind: "region", code: "r".repeat(32) }),
      MY_ESIMS.refresh("e".repeat(40)),
      BUY.data(999_999_999),
      TRIP.day("e".repeat(40), "2026-12-24"),
      INSTALL.help("e".repeat(40)),
    ];
    for (const data of longest) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
  });
});

describe("deep links", () => {
  it("parses back what the builders make", () => {
    expect(parseDeepLink(START_PAYLOAD.myEsims)).toEqual({ kind: "my-esims" });
    expect(parseDeepLink(START_PAYLOAD.plan("jp-1gb-7d")!)).toEqual({ kind: "plan", planId: "jp-1gb-7d" });
    expect(parseDeepLink(START_PAYLOAD.topUp(ESIM_ID)!)).toEqual({ kind: "top-up", esimId: ESIM_ID });
    expect(parseDeepLink(START_PAYLOAD.buy)).toEqual({ kind: "buy" });
    expect(parseDeepLink(START_PAYLOAD.buyIn("CU")!)).toEqual({ kind: "buy", countryCode: "CU" });
    expect(parseDeepLink("buy_cu")).toEqual({ kind: "buy", countryCode: "CU" });
    expect(deepLinkUrl("esim_test_bot", START_PAYLOAD.myEsims)).toBe("https://t.me/esim_test_bot?start=mysims");
    expect(deepLinkUrl("esim_test_bot")).toBe("https://t.me/esim_test_bot?start=");
  });

  it("builds no payload Telegram could not carry", () => {
    expect(START_PAYLOAD.plan("p".repeat(59))).toHaveLength(64);
    expect(START_PAYLOAD.plan("p".repeat(60))).toBeNull();
    expect(START_PAYLOAD.plan("eu.5gb")).toBeNull();
    expect(START_PAYLOAD.buyIn("C U")).toBeNull();
  });

  it("parses a plain /start and unknown payloads to null", () => {
    for (const payload of ["", "  ", "hello", "plan_", "topup_a b", "mysims2", "buy_", "buy_CUB", "buyCU", `plan_${"p".repeat(61)}`]) {
      expect(parseDeepLink(payload)).toBeNull();
    }
    expect(parseDeepLink(" mysims ")).toEqual({ kind: "my-esims" });
  });
});
