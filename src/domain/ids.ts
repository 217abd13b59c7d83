import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/** A short random id with a readable prefix, e.g. "ord_7k2m9q4x1h3c5v8b". */
export function newId(prefix: string, length = 16): string {
  return withPrefix(prefix, randomBytes(length));
}

/**
 * The id that `key` always gets (a hash of it), in newId's form: for a
 * record made by one request, so that handling the request again finds the
 * record instead of making a second one.
 */
export function idFor(prefix: string, key: string, length = 16): string {
  return withPrefix(prefix, createHash("sha256").update(key, "utf8").digest().subarray(0, length));
}

function withPrefix(prefix: string, bytes: Uint8Array): string {
  let id = "";
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${id}`;
}
