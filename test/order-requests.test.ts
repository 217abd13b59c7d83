/**
 * Orders made by a traveller's action (a Pay tap) take their id from it, so
 * an update handled twice — its instance died mid-way, or two instances
 * handled it at once after a lease ran out — makes one order, on SQLite and
 * PostgreSQL.
 */
import { afterEach, describe, expect, it } from "vitest";
import { idFor, newId } from "../src/domain/ids.ts";
import { createServiceWorld, type ServiceWorld } from "./support/service-world.ts";
import { DATABASES } from "./support/databases.ts";

let world: ServiceWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("ids derived from a request", () => {
  it("are the same for the same request, differ between requests, and look like any other id", () => {
    const id = idFor("ord", "callback:4242000017");
    expect(idFor("ord", "callback:4242000017")).toBe(id);
    expect(idFor("ord", "callback:4242000018")).not.toBe(id);
    expect(idFor("top", "callback:4242000017")).toMatch(/^top_/);
    expect(id).toMatch(/^ord_[0-9a-hjkmnp-tv-z]{16}$/);
    expect(newId("ord")).toMatch(/^ord_[0-9a-hjkmnp-tv-z]{16}$/);
  });
});

describe.each(DATABASES)("orders made by a request on %s", (kind) => {
  it("one request, handled again or twice at once, makes one order", async () => {
    world = await createServiceWorld(kind);
    const id = idFor("ord", "callback:4242000017");
    const first = await world.newOrder({ id });
    // Handled again later (the first instance died), with the price read anew: the stored order stands.
    expect(await world.newOrder({ id, amount: 999 })).toEqual(first);
    // Handled by two instances at once.
    const other = idFor("ord", "callback:4242000018");
    const [a, b] = await Promise.all([world.newOrder({ id: other }), world.newOrder({ id: other })]);
    expect(a).toEqual(b);
    const rows = await world.database.db.prisma.order.findMany({ select: { id: true, amount: true } });
    expect(rows.sort((x, y) => x.id.localeCompare(y.id))).toEqual([{ id, amount: 500 }, { id: other, amount: 500 }].sort((x, y) => x.id.localeCompare(y.id)));
  });
});
