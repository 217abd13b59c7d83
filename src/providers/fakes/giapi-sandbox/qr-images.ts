/**
 * QR images of LPA strings as base64 PNG. Orders are polled often, so
 * recent images are cached.
 */
import { qrPng } from "../../../domain/qr-png.ts";

/** Renders QR codes (6 pixels per module, a quiet zone of 2), remembering the most recent ones. */
export class QrImages {
  readonly #cache = new Map<string, string>();
  readonly #capacity: number;

  /** Keeps at most `capacity` images (least recently used are dropped first). */
  constructor(capacity = 2_000) {
    this.#capacity = capacity;
  }

  /** The base64 PNG of a QR code encoding exactly `text`. */
  pngBase64(text: string): string {
    const cached = this.#cache.get(text);
    if (cached !== undefined) {
      // Re-insert so Map order tracks recency.
      this.#cache.delete(text);
      this.#cache.set(text, cached);
      return cached;
    }
    const base64 = qrPng(text, { scale: 6, margin: 2 }).toString("base64");
    this.#cache.set(text, base64);
    if (this.#cache.size > this.#capacity) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
    return base64;
  }
}
