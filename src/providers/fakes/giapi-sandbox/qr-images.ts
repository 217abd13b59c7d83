/**
 * QR images of LPA strings as base64 PNG. Orders are polled often, so
 * recent images are cached.
 */
import { LRUCache } from "lru-cache";
import { qrPng } from "../../../domain/qr-png.ts";

/** Renders QR codes (6 pixels per module, a quiet zone of 2), remembering the most recent ones. */
export class QrImages {
  readonly #cache: LRUCache<string, string>;

  /** Keeps at most `capacity` images (least recently used are dropped first). */
  constructor(capacity = 2_000) {
    this.#cache = new LRUCache({ max: capacity });
  }

  /** The base64 PNG of a QR code encoding exactly `text`. */
  pngBase64(text: string): string {
    const cached = this.#cache.get(text);
    if (cached !== undefined) return cached;
    const base64 = qrPng(text, { scale: 6, margin: 2 }).toString("base64");
    this.#cache.set(text, base64);
    return base64;
  }
}
