/** The reminders' rules: when each is due, for which trip date, and that none goes out for an eSIM in use. */
import { describe, expect, it } from "vitest";
import {
  addDays,
  dueTripReminders,
  installCheckWindow,
  isReminderKind,
  parseTripDate,
  reminderStillWanted,
  tripDateAllowed,
  tripPeriod,
  utcDay,
} from "../src/domain/reminders.ts";

const at = (iso: string) => new Date(iso);

describe("reminder rules", () => {
  it.each([
    ["2026-12-10T05:59:59Z", []],
    ["2026-12-10T06:00:00Z", [{ kind: "trip_day", tripDate: at("2026-12-10T00:00:00Z") }]],
    [
      "2026-12-10T09:00:00Z",
      [
        { kind: "trip_day", tripDate: at("2026-12-10T00:00:00Z") },
        { kind: "trip_eve", tripDate: at("2026-12-11T00:00:00Z") },
      ],
    ],
    [
      "2026-12-31T23:59:00Z",
      [
        { kind: "trip_day", tripDate: at("2026-12-31T00:00:00Z") },
        { kind: "trip_eve", tripDate: at("2027-01-01T00:00:00Z") },
      ],
    ],
  ])("trip reminders due at %s", (now, due) => {
    expect(dueTripReminders(at(now))).toEqual(due);
  });

  it("install checks cover deliveries from N hours ago back three days more", () => {
    expect(installCheckWindow(at("2026-12-10T12:00:00Z"), 2)).toEqual({
      deliveredFrom: at("2026-12-07T10:00:00Z"),
      deliveredUntil: at("2026-12-10T10:00:00Z"),
    });
  });

  it("only an eSIM not in use yet gets reminders", () => {
    expect(reminderStillWanted("issued")).toBe(true);
    for (const status of ["active", "topped_up", "expired"] as const) expect(reminderStillWanted(status)).toBe(false);
    expect(isReminderKind("trip_eve")).toBe(true);
    expect(isReminderKind("data_low")).toBe(false);
  });

  it("trip dates: days in UTC, a period per date, parsed strictly, from today to a year ahead", () => {
    expect(utcDay(at("2026-12-10T23:30:00Z"))).toEqual(at("2026-12-10T00:00:00Z"));
    expect(addDays(at("2026-12-31T15:00:00Z"), 1)).toEqual(at("2027-01-01T00:00:00Z"));
    expect(tripPeriod(at("2027-01-05T00:00:00Z"))).toBe(20270105);
    expect(parseTripDate("2026-12-24")).toEqual(at("2026-12-24T00:00:00Z"));
    for (const bad of ["2026-02-30", "2026-13-01", "24.12.2026", "2026-12-24T00:00", ""]) expect(parseTripDate(bad)).toBeNull();
    const now = at("2026-12-10T18:00:00Z");
    expect(tripDateAllowed(at("2026-12-10T00:00:00Z"), now)).toBe(true);
    expect(tripDateAllowed(at("2026-12-09T00:00:00Z"), now)).toBe(false);
    expect(tripDateAllowed(addDays(now, 365), now)).toBe(true);
    expect(tripDateAllowed(addDays(now, 366), now)).toBe(false);
  });
});
