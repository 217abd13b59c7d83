/**
 * The sandbox's QR image cache: an image asked for again is not rendered
 * again, and once the cache is full the least recently used image is the
 * one dropped (rendered again when asked for).
 */
import { describe, expect, it, vi } from "vitest";
import type * as qrPngModule from "../src/domain/qr-png.ts";
import { qrPng } from "../src/domain/qr-png.ts";
import { QrImages } from "../src/providers/fakes/giapi-sandbox/qr-images.ts";

// The real encoder, watched: each call is one rendering.
vi.mock("../src/domain/qr-png.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof qrPngModule>();
  return { ...actual, qrPng: vi.fn(actual.qrPng) };
});

/** The texts rendered (not served from the cache) while `run` ran. */
function rendered(run: () => void): string[] {
  vi.mocked(qrPng).mockClear();
  run();
  return vi.mocked(qrPng).mock.calls.map(([text]) => text);
}

describe("QrImages", () => {
  it("capacity 2: the least recently used image is the one rendered again", () => {
    const images = new QrImages(2);
    const first = images.pngBase64("LPA:1$a.io$A");
    expect(rendered(() => images.pngBase64("LPA:1$a.io$B"))).toEqual(["LPA:1$a.io$B"]);
    // A is used again (from the cache), so B is now the least recently used.
    expect(rendered(() => expect(images.pngBase64("LPA:1$a.io$A")).toBe(first))).toEqual([]);
    expect(rendered(() => images.pngBase64("LPA:1$a.io$C"))).toEqual(["LPA:1$a.io$C"]);
    // B was dropped, A and C kept.
    expect(rendered(() => images.pngBase64("LPA:1$a.io$A"))).toEqual([]);
    expect(rendered(() => images.pngBase64("LPA:1$a.io$C"))).toEqual([]);
    expect(rendered(() => images.pngBase64("LPA:1$a.io$B"))).toEqual(["LPA:1$a.io$B"]);
  });
});
