/**
 * New identifiers for an ordered eSIM: the order id, a Luhn-valid ICCID and
 * an SGP.22-style matching id. All random, so they cannot be guessed from
 * one another; the store's unique indexes catch the rare collision.
 */
import { randomBytes } from "node:crypto";
import { luhnCheckDigit } from "../../../domain/iccid.ts";
import { newId } from "../../../domain/ids.ts";

/**
 * "89" (telecom) + "882" (the ITU code for international networks, used by
 * global eSIM issuers) + a sandbox issuer id; 12 account digits and the
 * check digit make 20 digits.
 */
const ICCID_PREFIX = "8988247";

/** Upper-case letters and digits without the look-alikes O/0 and I/1, for manual entry. */
const MATCHING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A sandbox order id like "esim_3nk8w0q2mz7c". */
export function newOrderId(): string {
  return newId("esim", 12);
}

/** A 20-digit ICCID with a valid Luhn check digit. */
export function newIccid(): string {
  let account = "";
  while (account.length < 12) {
    // Bytes 250–255 are skipped so every digit is equally likely.
    for (const byte of randomBytes(16)) if (byte < 250 && account.length < 12) account += String(byte % 10);
  }
  const body = ICCID_PREFIX + account;
  return body + String(luhnCheckDigit(body));
}

/** A matching id in groups of 2, 5 and 6, like "K2-4F7PQ-9XH2M7". */
export function newMatchingId(): string {
  // 32 symbols: the low 5 bits of a random byte pick one without bias.
  const symbols = [...randomBytes(13)].map((byte) => MATCHING_ALPHABET[byte & 31]).join("");
  return `${symbols.slice(0, 2)}-${symbols.slice(2, 7)}-${symbols.slice(7)}`;
}
