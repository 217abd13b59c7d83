/**
 * QR codes as 1-bit grayscale PNGs, built straight from qrcode's module
 * matrix. Written by hand because qrcode's PNG path (pngjs) cannot write
 * bit depth 1 and was the cost: qrcode fills an RGBA buffer pixel by pixel
 * and pngjs converts every pixel back, about 30 % of the shop's CPU during a
 * purchase in a profile. Here each module row is packed into bits once,
 * repeated `scale` times and deflated by node:zlib.
 */
import { crc32, deflateSync } from "node:zlib";
import QRCode from "qrcode";

/** How big the image is: a quiet zone of `margin` modules, and `scale` pixels per module or about `width` pixels across. */
export type QrPngSize = { margin: number } & ({ scale: number } | { width: number });

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** IHDR's last five bytes: bit depth 1, colour type 0 (grayscale), deflate, no filtering method beyond the per-row byte, no interlace. */
const BIT_DEPTH_1_GRAYSCALE = [1, 0, 0, 0, 0];

/** The PNG of a QR code (error correction level M) encoding exactly `text`: black modules on white. */
export function qrPng(text: string, size: QrPngSize): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const across = modules.size + 2 * size.margin;
  // An integer scale keeps every module the same number of pixels (sharp edges, no rounding seams).
  const scale = "scale" in size ? size.scale : Math.max(1, Math.round(size.width / across));
  const pixels = across * scale;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(pixels, 0);
  header.writeUInt32BE(pixels, 4);
  header.set(BIT_DEPTH_1_GRAYSCALE, 8);
  const image = scanlines(modules, size.margin, scale, pixels);
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(image)), chunk("IEND", Buffer.alloc(0))]);
}

/** The unfiltered scanlines: per pixel row a filter byte 0 and the row packed 8 pixels a byte, most significant bit first; 1 is white. */
function scanlines(modules: { size: number; data: Uint8Array }, margin: number, scale: number, pixels: number): Buffer {
  const rowBytes = 1 + Math.ceil(pixels / 8);
  const image = Buffer.alloc(rowBytes * pixels);
  const white = Buffer.alloc(rowBytes, 0xff);
  white[0] = 0;
  for (let y = 0; y < pixels; y += 1) white.copy(image, y * rowBytes);
  for (let row = 0; row < modules.size; row += 1) {
    const first = (margin + row) * scale * rowBytes;
    const packed = image.subarray(first, first + rowBytes);
    for (let column = 0; column < modules.size; column += 1) {
      if (!modules.data[row * modules.size + column]) continue;
      const left = (margin + column) * scale;
      for (let x = left; x < left + scale; x += 1) packed[1 + (x >> 3)]! &= ~(0x80 >> (x & 7));
    }
    for (let copy = 1; copy < scale; copy += 1) packed.copy(image, first + copy * rowBytes);
  }
  return image;
}

/** One PNG chunk: length, type, data and the CRC-32 of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
