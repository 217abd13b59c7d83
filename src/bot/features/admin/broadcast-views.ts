/** The broadcast conversation's panel views: the audiences with their sizes, and the confirmation. */
import { InlineKeyboard } from "grammy";
import type { Audience } from "../../../domain/broadcast.ts";
import type { AudienceSize } from "../../../services/operator/broadcasts.ts";
import { BROADCAST } from "../../callback-data.ts";
import type { View } from "../../view.ts";
import type { Translate } from "../../view-locale.ts";

/** One button per audience with its size, then Change the message and Cancel. */
export function audienceView(sizes: AudienceSize[], t: Translate): View {
  const keyboard = new InlineKeyboard();
  for (const { audience, size } of sizes) keyboard.text(audienceLabel(audience, size, t), BROADCAST.audience(audience)).row();
  keyboard.text(t("broadcast-edit"), BROADCAST.edit).text(t("broadcast-cancel"), BROADCAST.cancel);
  return { text: t("broadcast-audience"), keyboard };
}

/** "Send the message above to N travellers …?" with Send now, Back and Cancel. */
export function confirmView(audience: Audience, count: number, t: Translate): View {
  const keyboard = new InlineKeyboard()
    .text(t("broadcast-send"), BROADCAST.send)
    .row()
    .text(t("broadcast-back"), BROADCAST.back)
    .text(t("broadcast-cancel"), BROADCAST.cancel);
  return { text: confirmText(audience, count, t), keyboard };
}

function audienceLabel(audience: Audience, count: number, t: Translate): string {
  switch (audience.kind) {
    case "all":
      return t("broadcast-audience-all", { count });
    case "recent-buyers":
      return t("broadcast-audience-recent", { count, days: audience.days });
    case "active-esim":
      return t("broadcast-audience-esim", { count });
  }
}

function confirmText(audience: Audience, count: number, t: Translate): string {
  switch (audience.kind) {
    case "all":
      return t("broadcast-confirm-all", { count });
    case "recent-buyers":
      return t("broadcast-confirm-recent", { count, days: audience.days });
    case "active-esim":
      return t("broadcast-confirm-esim", { count });
  }
}
