/**
 * The install message of an eSIM: the QR image of its LPA string, then the
 * SM-DP+ address and activation code as separately copyable text with a
 * copy button each, the "Install on iPhone" button and short steps for
 * iPhone and Android. Sent on delivery and again from My eSIMs while the
 * eSIM is not installed yet.
 */
import { InlineKeyboard, InputFile, type Api } from "grammy";
import { appleInstallUrl, lpaString } from "../domain/lpa.ts";
import { qrPng } from "../domain/qr-png.ts";
import type { Esim } from "../domain/order.ts";
import type { Translate } from "./view-locale.ts";
import { escapeHtml } from "./html.ts";

/**
 * Renders the QR image of an LPA string: a 1-bit PNG about 600 px across (an
 * integer number of pixels per module: 594 px for the usual 29-module LPA
 * code, 615 for 37 modules), a quiet zone of 2 modules.
 */
export function renderQrPng(lpa: string): Buffer {
  return qrPng(lpa, { width: 600, margin: 2 });
}

/**
 * Renders one QR image of an LPA-shaped string and drops it: the first render
 * after start compiles the QR and PNG code, which would otherwise land on the
 * first buyer's delivery.
 */
export function warmQrRendering(): void {
  renderQrPng(lpaString({ smdpAddress: "smdp.example.com", matchingId: "WARM-UP-0000-0000-0000" }));
}

/** Telegram's limit on the text of a copy button ("1-256 characters"). */
export const MAX_COPY_TEXT_CHARS = 256;

/** Sends the QR image and the manual installation details to a chat. */
export async function sendEsimInstall(api: Api, chatId: number, esim: Esim, t: Translate): Promise<void> {
  await sendEsimQr(api, chatId, esim, t);
  await sendEsimDetails(api, chatId, esim, t);
}

/** The QR image of the eSIM, captioned with its plan. */
export async function sendEsimQr(api: Api, chatId: number, esim: Esim, t: Translate): Promise<void> {
  const png = renderQrPng(lpaString({ smdpAddress: esim.smdpAddress, matchingId: esim.matchingId }));
  await api.sendPhoto(chatId, new InputFile(png, "esim-qr.png"), {
    caption: t("delivery-caption", { plan: escapeHtml(esim.planName) }),
    parse_mode: "HTML",
  });
}

/** The SM-DP+ address and activation code to copy, the iPhone install link and the install steps. */
export async function sendEsimDetails(api: Api, chatId: number, esim: Esim, t: Translate): Promise<void> {
  const text = t("delivery-details", {
    smdp: escapeHtml(esim.smdpAddress),
    code: escapeHtml(esim.matchingId),
    steps: t("install-steps"),
    days: esim.validityDays,
    iccidTail: esim.iccid.slice(-4),
  });
  await api.sendMessage(chatId, text, {
    parse_mode: "HTML",
    reply_markup: installKeyboard(esim, t),
    link_preview_options: { is_disabled: true },
  });
}

/** Copy buttons for the SM-DP+ address and the activation code (each only if Telegram can carry it), then Install on iPhone. */
export function installKeyboard(esim: Pick<Esim, "smdpAddress" | "matchingId">, t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (copyable(esim.smdpAddress)) keyboard.copyText(t("install-copy-smdp"), esim.smdpAddress);
  if (copyable(esim.matchingId)) keyboard.copyText(t("install-copy-code"), esim.matchingId);
  return keyboard.row().url(t("delivery-install-iphone"), appleInstallUrl(esim));
}

function copyable(text: string): boolean {
  const characters = [...text].length;
  return characters >= 1 && characters <= MAX_COPY_TEXT_CHARS;
}
