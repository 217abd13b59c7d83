/**
 * What the reminders say (see domain/reminders.ts), and the help behind
 * their "I need help" button: troubleshooting steps with Show QR again.
 */
import { InlineKeyboard } from "grammy";
import type { ReminderKind } from "../domain/reminders.ts";
import { INSTALL, MY_ESIMS } from "./callback-data.ts";
import type { View } from "./view.ts";
import type { ViewLocale } from "./view-locale.ts";

/** A reminder about the eSIM `esimId` for `destination` (escaped HTML). */
export function reminderView(kind: ReminderKind, esimId: string, destination: string, l: ViewLocale): View {
  const help = InlineKeyboard.text(l.t("remind-help-button"), INSTALL.help(esimId));
  switch (kind) {
    case "install_check":
      return {
        text: l.t("remind-install-check", { destination }),
        keyboard: new InlineKeyboard().text(l.t("remind-installed-button"), INSTALL.installed(esimId)).add(help),
      };
    case "trip_eve":
      return {
        text: l.t("remind-trip-eve", { destination }),
        keyboard: new InlineKeyboard().text(l.t("esim-qr-button"), MY_ESIMS.qr(esimId)).add(help),
      };
    case "trip_day":
      return { text: l.t("remind-trip-day", { destination }), keyboard: new InlineKeyboard().add(help) };
  }
}

/** Troubleshooting steps; Show QR again while the eSIM is not in use. */
export function installHelpView(l: ViewLocale, esim: { id: string; status: string }): View {
  const keyboard = new InlineKeyboard();
  if (esim.status === "issued") keyboard.text(l.t("esim-qr-button"), MY_ESIMS.qr(esim.id));
  return { text: l.t("install-help"), keyboard };
}

/** The answer to "Installed ✅": thanks, and the one thing left to do. */
export function installedView(l: ViewLocale): View {
  return { text: l.t("remind-installed-thanks"), keyboard: new InlineKeyboard() };
}
