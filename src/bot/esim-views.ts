/**
 * How an eSIM's balance reads, wherever it is shown: My eSIMs, the balance
 * card posted from inline mode, the top-up confirmation, notifications.
 */
import { formatData } from "../domain/data-amount.ts";
import { dataLeftMb, type Esim } from "../domain/order.ts";
import { destinationFromCode } from "../services/catalog.ts";
import { destinationFlag, destinationName } from "./destination-labels.ts";
import { escapeHtml } from "./html.ts";
import type { ViewLocale } from "./view-locale.ts";

const BAR_CELLS = 10;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "2 Dec 2026, 14:00 UTC" in the user's language; "—" when there is no date. */
export function formatUntil(date: Date | string | null, locale: string): string {
  if (!date) return "—";
  const text = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(date));
  return `${text} UTC`;
}

/** "▰▰▰▰▰▰▱▱▱▱": the share of data left, in ten cells. */
export function dataBar(leftMb: number, totalMb: number): string {
  const share = totalMb > 0 ? leftMb / totalMb : 0;
  const full = Math.min(BAR_CELLS, Math.max(0, Math.round(share * BAR_CELLS)));
  return "▰".repeat(full) + "▱".repeat(BAR_CELLS - full);
}

/** "🇯🇵 Japan", the eSIM's destination in the user's language. */
export function esimDestination(esim: Pick<Esim, "destinationCode">, l: ViewLocale): { flag: string; name: string } {
  const destination = destinationFromCode(esim.destinationCode);
  return { flag: destinationFlag(destination), name: destinationName(destination, l.locale, l.t) };
}

/** The status as a traveller thinks of it: waiting for installation, active, expired. */
export function statusText(esim: Pick<Esim, "status">, l: ViewLocale): string {
  if (esim.status === "issued") return l.t("esim-status-issued");
  if (esim.status === "expired") return l.t("esim-status-expired");
  return l.t("esim-status-active");
}

/** How long the eSIM stays valid, or that validity starts at first connection. */
export function validityText(esim: Pick<Esim, "status" | "expiresAt" | "validityDays">, l: ViewLocale, now: Date): string {
  if (esim.status === "expired") return l.t("esim-validity-ended", { until: formatUntil(esim.expiresAt, l.locale) });
  if (!esim.expiresAt) return l.t("esim-validity-not-started", { days: esim.validityDays });
  const leftMs = esim.expiresAt.getTime() - now.getTime();
  const until = formatUntil(esim.expiresAt, l.locale);
  if (leftMs < DAY_MS) return l.t("esim-validity-hours-left", { hours: Math.max(1, Math.ceil(leftMs / HOUR_MS)), until });
  return l.t("esim-validity-days-left", { days: Math.floor(leftMs / DAY_MS), until });
}

/** "Updated 3 minutes ago" (plain text), or nothing before the first reading. */
export function checkedText(esim: Pick<Esim, "lastPolledAt">, l: ViewLocale, now: Date): string {
  if (!esim.lastPolledAt) return "";
  const minutes = Math.max(0, Math.round((now.getTime() - esim.lastPolledAt.getTime()) / 60_000));
  if (minutes === 0) return l.t("esim-checked", { ago: l.t("esim-checked-just-now") });
  const relative = new Intl.RelativeTimeFormat(l.locale);
  const ago = minutes < 60 ? relative.format(-minutes, "minute") : relative.format(-Math.round(minutes / 60), "hour");
  return l.t("esim-checked", { ago });
}

/** The balance card of one eSIM (HTML): destination, status, data bar, validity, ICCID tail. */
export function balanceCard(esim: Esim, l: ViewLocale, now: Date): string {
  const { flag, name } = esimDestination(esim, l);
  const left = dataLeftMb(esim);
  const lines = [
    l.t("esim-card-title", { flag, destination: escapeHtml(name), plan: escapeHtml(esim.planName) }),
    statusText(esim, l),
    l.t("esim-card-data", {
      bar: dataBar(left, esim.dataMb),
      left: formatData(left),
      total: formatData(esim.dataMb),
      used: formatData(Math.min(esim.usedMb, esim.dataMb)),
    }),
    validityText(esim, l, now),
    l.t("esim-card-iccid", { tail: esim.iccid.slice(-4) }),
  ];
  const checked = checkedText(esim, l, now);
  if (checked) lines.push(`<i>${checked}</i>`);
  return lines.join("\n");
}
