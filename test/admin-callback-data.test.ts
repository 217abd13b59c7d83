/**
 * The operator's callback data and deep link: builders parse back, every
 * audience has a button that fits Telegram's limit, forged data parses to
 * null, and every operator button is recognisable as one (the gate refuses
 * them to non-operators).
 */
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  ADMIN_ORDER,
  ADMIN_VIEWS,
  BROADCAST,
  BUY,
  isAdminData,
  MAX_CALLBACK_BYTES,
  MENU,
  NEWS,
  ORDER_NOTE,
  parseAdminMenuButton,
  parseAdminOrderButton,
  parseAttentionButton,
  parseBroadcastButton,
  parseBuyButton,
  parseSalesButton,
} from "../src/bot/callback-data.ts";
import { parseDeepLink, START_PAYLOAD } from "../src/bot/deep-links.ts";
import { AUDIENCES } from "../src/domain/broadcast.ts";
import { ORDER_ACTIONS } from "../src/domain/order-card.ts";
import { SALES_PERIODS } from "../src/domain/sales.ts";

describe("operator callback data", () => {
  it("parses back what the builders make, for every audience and fixed button", () => {
    expect(parseAdminMenuButton(ADMIN.menu("broadcast"))).toBe("broadcast");
    expect(parseAdminMenuButton(ADMIN.menu("needs-attention"))).toBe("needs-attention");
    for (const audience of AUDIENCES) {
      const data = BROADCAST.audience(audience);
      expect(parseBroadcastButton(data)).toEqual({ kind: "audience", audience });
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
    }
    for (const kind of ["send", "back", "edit", "cancel"] as const) expect(parseBroadcastButton(BROADCAST[kind])).toEqual({ kind });
  });

  it("marks every operator button as one, and nothing else", () => {
    const operator = [ADMIN.menu("broadcast"), BROADCAST.send, BROADCAST.cancel, ...AUDIENCES.map(BROADCAST.audience)];
    for (const data of operator) expect(isAdminData(data)).toBe(true);
    for (const data of [...Object.values(MENU), NEWS.stop, BUY.cancel, BUY.data(1024)]) expect(isAdminData(data)).toBe(false);
  });

  it("parses forged data to null", () => {
    for (const forged of ["adm:m:", "adm:m:Broadcast", "adm:m:../x", `adm:m:${"a".repeat(25)}`, "adm:bc:a:d14", "adm:bc:a:d7x", "adm:bc:a:", "adm:bc:sendx", "adm:bc:a:all:1"]) {
      expect(parseAdminMenuButton(forged), forged).toBeNull();
      expect(parseBroadcastButton(forged), forged).toBeNull();
    }
    // One family's data is nobody else's.
    expect(parseBuyButton(BROADCAST.send)).toBeNull();
    expect(parseBroadcastButton(ADMIN.menu("broadcast"))).toBeNull();
    expect(parseAdminMenuButton(BROADCAST.send)).toBeNull();
  });

  it("has an admin deep link that parses back", () => {
    expect(parseDeepLink(START_PAYLOAD.admin)).toEqual({ kind: "admin" });
    expect(parseDeepLink("admin_x")).toBeNull();
  });
});

describe("order desk callback data", () => {
  const orderId = "ord_7k2m9q4x1h3c5v8b";

  it("parses back every order button, within Telegram's limit, and marks each as an operator button", () => {
    expect(parseAdminOrderButton(ADMIN_ORDER.card(orderId))).toEqual({ kind: "card", orderId });
    expect(parseAdminOrderButton(ADMIN_ORDER.refresh(orderId))).toEqual({ kind: "refresh", orderId });
    const longest = "x".repeat(40);
    for (const action of ORDER_ACTIONS) {
      for (const kind of ["ask", "confirm"] as const) {
        const data = ADMIN_ORDER[kind](action, longest, 999_999);
        expect(parseAdminOrderButton(data)).toEqual({ kind, action, orderId: longest, version: 999_999 });
        expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
        expect(isAdminData(data)).toBe(true);
      }
    }
    for (const period of SALES_PERIODS) expect(parseSalesButton(ADMIN_VIEWS.sales(period))).toBe(period);
    expect(parseAttentionButton(ADMIN_VIEWS.attention(12))).toBe(12);
    for (const data of [ADMIN_VIEWS.attention(0), ADMIN_VIEWS.sales("7d"), ORDER_NOTE.confirm, ORDER_NOTE.cancel]) expect(isAdminData(data)).toBe(true);
  });

  it("parses forged order data to null", () => {
    for (const forged of [
      "adm:o:c:",
      "adm:o:c:ord x",
      `adm:o:c:${"x".repeat(41)}`,
      `adm:o:y:z:${orderId}:0`,
      `adm:o:y:f:${orderId}`,
      `adm:o:y:f:${orderId}:-1`,
      `adm:o:y:f:${orderId}:1234567`,
      `adm:o:q:f:${orderId}:0`,
    ]) {
      expect(parseAdminOrderButton(forged)).toBeNull();
    }
    expect(parseSalesButton("adm:s:90d")).toBeNull();
    expect(parseAttentionButton("adm:at:-1")).toBeNull();
  });
});
