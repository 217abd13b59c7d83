/**
 * The hand-written QR PNG encoder: its images are valid 1-bit grayscale PNGs
 * (pngjs's reader checks every CRC), read back to exactly the encoded text,
 * and show the module matrix pixel for pixel inside a white quiet zone.
 */
import { PNG } from "pngjs";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { renderQrPng } from "../src/bot/esim-install.ts";
import { qrPng } from "../src/domain/qr-png.ts";
import { QrImages } from "../src/providers/fakes/giapi-sandbox/qr-images.ts";
import { decodeQrPng } from "./support/telegram/qr.ts";

/** LPA-like strings of growing length: each needs a bigger QR version than the one before. */
const TEXTS = [
  "LPA:1$a.io$X",
  "LPA:1$smdp.example.com$K2-4F7PQ-9XH2M7",
  "LPA:1$rsp-eu.sandbox.example-carrier.net$qr-g-5c-1ls-1w1z9p7-abcdef$1.3.6.1.4.1.31746",
  `LPA:1$consumer.rsp.world-travel-esim.example.com$${"m4tch-1d-".repeat(12)}end$extra`,
];

function modulesOf(text: string): { size: number; data: Uint8Array; version: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: qr.modules.size, data: qr.modules.data, version: qr.version };
}

describe("qrPng", () => {
  it("uses a different QR version for each test text", () => {
    const versions = TEXTS.map((text) => modulesOf(text).version);
    expect(new Set(versions).size).toBe(TEXTS.length);
  });

  it.each(TEXTS)("reads back exactly %s", (text) => {
    expect(decodeQrPng(qrPng(text, { scale: 6, margin: 2 }))).toBe(text);
    expect(decodeQrPng(qrPng(text, { width: 600, margin: 2 }))).toBe(text);
  });

  it.each(TEXTS)("writes a 1-bit grayscale PNG, (modules + quiet zone) × scale pixels square, for %s", (text) => {
    const png = qrPng(text, { scale: 6, margin: 2 });
    // IHDR is the first chunk: its data starts at byte 16 (signature 8, length 4, type 4).
    expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
    expect({ bitDepth: png[24], colourType: png[25], interlace: png[28] }).toEqual({ bitDepth: 1, colourType: 0, interlace: 0 });
    const image = PNG.sync.read(png);
    const side = (modulesOf(text).size + 4) * 6;
    expect([image.width, image.height]).toEqual([side, side]);
  });

  it("draws every module as a scale × scale block of black or white inside a white quiet zone", () => {
    const text = TEXTS[1]!;
    const { size, data } = modulesOf(text);
    const scale = 5;
    const margin = 2;
    const image = PNG.sync.read(qrPng(text, { scale, margin }));
    const mismatches: string[] = [];
    for (let y = 0; y < image.height; y += 1) {
      for (let x = 0; x < image.width; x += 1) {
        const row = Math.floor(y / scale) - margin;
        const column = Math.floor(x / scale) - margin;
        const dark = row >= 0 && row < size && column >= 0 && column < size && data[row * size + column] === 1;
        const offset = (y * image.width + x) * 4;
        const pixel = [image.data[offset], image.data[offset + 1], image.data[offset + 2], image.data[offset + 3]];
        const expected = dark ? [0, 0, 0, 255] : [255, 255, 255, 255];
        if (pixel.join() !== expected.join()) mismatches.push(`(${x},${y}) is ${pixel.join()}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("chooses the whole number of pixels per module that comes closest to the asked width", () => {
    // 29 modules + 4 of quiet zone = 33: 18 px each makes 594 (19 would make 627).
    const text = TEXTS[1]!;
    expect(modulesOf(text).size).toBe(29);
    expect(PNG.sync.read(qrPng(text, { width: 600, margin: 2 })).width).toBe(594);
    // 37 modules + 4 = 41: 15 px make 615, 14 make 574.
    const bigger = TEXTS[2]!;
    expect(modulesOf(bigger).size).toBe(37);
    expect(PNG.sync.read(qrPng(bigger, { width: 600, margin: 2 })).width).toBe(615);
  });
});

describe("the two QR images of a purchase", () => {
  it("the bot's photo is about 600 px across and reads back to the LPA string", () => {
    const lpa = TEXTS[1]!;
    const png = renderQrPng(lpa);
    expect(PNG.sync.read(png).width).toBe(594);
    expect(png[24]).toBe(1); // bit depth in IHDR
    expect(decodeQrPng(png)).toBe(lpa);
  });

  it("the sandbox provider's image has 6 px per module and reads back to the LPA string", () => {
    const lpa = TEXTS[1]!;
    const png = Buffer.from(new QrImages().pngBase64(lpa), "base64");
    expect(PNG.sync.read(png).width).toBe((29 + 4) * 6);
    expect(png[24]).toBe(1); // bit depth in IHDR
    expect(decodeQrPng(png)).toBe(lpa);
  });
});
