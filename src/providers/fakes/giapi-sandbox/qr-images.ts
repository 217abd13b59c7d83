/**
 * QR images of LPA strings as base64 PNG. Rendering takes a few
 * milliseconds and orders are polled often, so recent images are cached.
 */
import QRCode from "qrcode";

/**
 * pngjs options, which qrcode passes on (its types list only the deflate
 * ones): grayscale, filter "none" — a fraction of the default's CPU, and the
 * built-in sandbox runs in the shop's own process.
 */
const PNG_OPTIONS: { deflateLevel?: number } & Record<string, number> = { colorType: 0, filterType: 0 };

/** Renders QR codes, remembering the most recent ones. */
export class QrImages {
  readonly #cache = new Map<string, string>();
  readonly #capacity: number;

  /** Keeps at most `capacity` images (least recently used are dropped first). */
  constructor(capacity = 2_000) {
    this.#capacity = capacity;
  }

  /** The base64 PNG of a QR code encoding exactly `text`. */
  async pngBase64(text: string): Promise<string> {
    const cached = this.#cache.get(text);
    if (cached !== undefined) {
      // Re-insert so Map order tracks recency.
      this.#cache.delete(text);
      this.#cache.set(text, cached);
      return cached;
    }
    const png = await QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", margin: 2, scale: 6, rendererOpts: PNG_OPTIONS });
    const base64 = png.toString("base64");
    this.#cache.set(text, base64);
    if (this.#cache.size > this.#capacity) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
    return base64;
  }
}
