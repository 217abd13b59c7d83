/**
 * The install message of an eSIM: the QR image of its LPA string, then the
 * SM-DP+ address and activation code as separately copyable text, the
 * "Install on iPhone" button and short steps. Sent on delivery and again
 * from My eSIMs while the eSIM is not installed yet.
 */
import { InlineKeyboard, InputFile, type Api } from "grammy";
import QRCode from "qrcode";
import { appleInstallUrl, lpaString } from "../domain/lpa.ts";
import type { Esim } from "../domain/order.ts";
import type { Translate } from "./view-locale.ts";
import { escapeHtml } from "./html.ts";

/** Renders the QR image of an LPA string (PNG). */
export function renderQrPng(lpa: string): Promise<Buffer> {
  return QRCode.toBuffer(lpa, { type: "png", width: 600, margin: 2, errorCorrectionLevel: "M" });
}

/** Sends the QR image and the manual installation details to a chat. */
export async function sendEsimInstall(api: Api, chatId: number, esim: Esim, t: Translate): Promise<void> {
  const details = { smdpAddress: esim.smdpAddress, matchingId: esim.matchingId };
  const png = await renderQrPng(lpaString(details));
  await api.sendPhoto(chatId, new InputFile(png, "esim-qr.png"), {
    caption: t("delivery-caption", { plan: escapeHtml(esim.planName) }),
    parse_mode: "HTML",
  });
  await api.sendMessage(
    chatId,
    t("delivery-details", {
      smdp: escapeHtml(esim.smdpAddress),
      code: escapeHtml(esim.matchingId),
      days: esim.validityDays,
      iccidTail: esim.iccid.slice(-4),
    }),
    {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().url(t("delivery-install-iphone"), appleInstallUrl(details)),
      link_preview_options: { is_disabled: true },
    },
  );
}
