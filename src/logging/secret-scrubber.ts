/**
 * The last pass over every log line before it is written: whatever a log call
 * let through, the configured secrets, bot tokens in Bot API URLs and LPA
 * activation strings leave as "[redacted]". Runs as pino's `streamWrite` hook
 * on the JSON text, so it sees messages, fields, error messages and stacks
 * alike. Field-level redaction (pino's `redact`) and the error serializer
 * remove most of it earlier; this pass is for values in free text.
 */

/** What replaces a secret. */
export const REDACTED = "[redacted]";

/**
 * Secrets shorter than this are not searched for: replacing a two-letter
 * value everywhere would ruin the logs and hide nothing worth hiding.
 */
export const MIN_SECRET_LENGTH = 6;

/** `/bot<id>:<secret>` as in Bot API URLs, also with the colon URL-encoded. */
const BOT_TOKEN_IN_URL = /\/bot\d+(?::|%3A)[\w-]+/gi;

/**
 * An LPA activation string, `LPA:1$<SM-DP+ address>$<matching id>`, also
 * URL-encoded (as in Apple's install link) and in the bare
 * `1$<address>$<matching id>` form some providers send.
 */
const LPA_STRING = /(?:LPA(?::|%3A)1|\b1)(?:\$|%24)[\w.-]+(?:\$|%24)[\w-]+/gi;

/** A dashboard sign-in link's one-time token (the link is a secret until used or expired). */
const SIGN_IN_TOKEN = /(\/dashboard\/sign-in\?token=)[\w-]+/gi;

/** Builds the scrubber for a set of secrets (empty and short ones are ignored). */
export function createSecretScrubber(secrets: readonly string[]): (line: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    // As written, as inside a JSON string, and as inside a URL.
    needles.add(secret);
    needles.add(JSON.stringify(secret).slice(1, -1));
    needles.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  return (line) => {
    let scrubbed = line;
    for (const needle of ordered) if (scrubbed.includes(needle)) scrubbed = scrubbed.replaceAll(needle, REDACTED);
    return scrubbed
      .replace(BOT_TOKEN_IN_URL, `/bot${REDACTED}`)
      .replace(LPA_STRING, `LPA:1$${REDACTED}`)
      .replace(SIGN_IN_TOKEN, `$1${REDACTED}`);
  };
}
