/**
 * The operator's callback data and deep link: builders parse back, every
 * audience has a button that fits Telegram's limit, forged data parses to
 * null, and every operator button is recognisable as one (the gate refuses
 * them to non-operators).
 */
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  BROADCAST,
  BUY,
  isAdminData,
  MAX_CALLBACK_BYTES,
  MENU,
  NEWS,
  parseAdminMenuButton,
  parseBroadcastButton,
  parseBuyButton,
} from "../src/bot/callback-data.ts";
import { parseDeepLink, START_PAYLOAD } from "../src/bot/deep-links.ts";
import { AUDIENCES } from "../src/domain/broadcast.ts";

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
