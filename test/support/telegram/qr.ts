/** Reads QR codes back from the PNGs a bot sends, so tests can check what a QR encodes. */
import jsQRModule from "jsqr";
import { PNG } from "pngjs";

// jsqr is CommonJS: under NodeNext its default import is module.exports, which carries the function as `default`.
const jsQR = jsQRModule.default;

/** Decodes the QR code in a PNG; throws when the image holds none. */
export function decodeQrPng(png: Buffer): string {
  const image = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  const code = jsQR(pixels, image.width, image.height);
  if (!code) throw new Error(`No QR code found in the ${image.width}x${image.height} PNG.`);
  return code.data;
}
