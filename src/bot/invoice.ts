/** The invoice message that ends a purchase or a top-up; payments are handled in features/payments.ts. */
import type { Api } from "grammy";
import { cutGraphemes } from "../domain/grapheme-cut.ts";

/** Telegram's limits on an invoice's title and description. */
const MAX_TITLE_CHARS = 32;
const MAX_DESCRIPTION_CHARS = 255;

/** What the invoice says, in the buyer's language. */
export interface InvoiceTexts {
  title: string;
  description: string;
  /** The price line's label. */
  label: string;
}

/** Sends the invoice of an order: its id is the payload, its amount the one price (Stars need an empty provider token). */
export async function sendInvoice(
  api: Api,
  chatId: number,
  order: { id: string; currency: string; amount: number },
  texts: InvoiceTexts,
  providerToken: string,
): Promise<void> {
  await api.sendInvoice(
    chatId,
    cutGraphemes(texts.title, MAX_TITLE_CHARS, "…"),
    cutGraphemes(texts.description, MAX_DESCRIPTION_CHARS, "…"),
    order.id,
    order.currency,
    [{ label: texts.label, amount: order.amount }],
    { provider_token: providerToken },
  );
}
