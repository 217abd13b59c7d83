/**
 * QR image rendering, both ways: qrcode's PNG path (an RGBA buffer filled in
 * JS, converted back by pngjs to 8-bit grayscale, as the shop did until
 * #14) against the 1-bit PNG built from the module matrix
 * (src/domain/qr-png.ts). Prints CPU µs and bytes per image for the bot's
 * photo (about 600 px) and the sandbox provider's image (6 px per module).
 * Run: npm run bench:qr [-- N]
 */
import { cpus, loadavg } from "node:os";
import QRCode from "qrcode";
import { qrPng } from "../src/domain/qr-png.ts";

const count = Number(process.argv[2] ?? 300);
/** LPA strings shaped like the sandbox's (QR version 3), each different so nothing is cached. */
const texts = Array.from({ length: count }, (_, n) => `LPA:1$smdp.example.com$K2-${String(n).padStart(5, "0")}-9XH2M7`);
/** The pngjs options the shop passed through qrcode before: grayscale, filter "none". */
const PNGJS_OPTIONS: { deflateLevel?: number } & Record<string, number> = { colorType: 0, filterType: 0 };

type Render = (text: string) => Promise<Buffer> | Buffer;

const cases: [string, Render, Render][] = [
  [
    "bot photo, ~600 px",
    (text) => QRCode.toBuffer(text, { type: "png", width: 600, margin: 2, errorCorrectionLevel: "M", rendererOpts: PNGJS_OPTIONS }),
    (text) => qrPng(text, { width: 600, margin: 2 }),
  ],
  [
    "sandbox image, 6 px/module",
    (text) => QRCode.toBuffer(text, { type: "png", scale: 6, margin: 2, errorCorrectionLevel: "M", rendererOpts: PNGJS_OPTIONS }),
    (text) => qrPng(text, { scale: 6, margin: 2 }),
  ],
];

/** CPU µs (user + system) and bytes per image, after a warm-up of 20 renders. */
async function measure(render: Render): Promise<{ cpuUs: number; wallUs: number; bytes: number }> {
  for (const text of texts.slice(0, 20)) await render(text);
  const cpu = process.cpuUsage();
  const started = performance.now();
  let bytes = 0;
  for (const text of texts) bytes += (await render(text)).length;
  const used = process.cpuUsage(cpu);
  return { cpuUs: (used.user + used.system) / count, wallUs: ((performance.now() - started) * 1000) / count, bytes: bytes / count };
}

const load = () => loadavg().map((value) => value.toFixed(2)).join(" / ");
console.log(`node ${process.version}, ${cpus().length} cores, ${count} images per case, loadavg at start ${load()}`);
console.log("case                         renderer               CPU µs/image  wall µs/image  bytes/image");
for (const [name, before, after] of cases) {
  const old = await measure(before);
  const now = await measure(after);
  const row = (label: string, m: typeof old) =>
    console.log(`${name.padEnd(28)} ${label.padEnd(22)} ${m.cpuUs.toFixed(0).padStart(12)} ${m.wallUs.toFixed(0).padStart(14)} ${m.bytes.toFixed(0).padStart(12)}`);
  row("qrcode + pngjs (8-bit)", old);
  row("qr-png (1-bit)", now);
  console.log(`${name.padEnd(28)} ${"ratio old / new".padEnd(22)} ${(old.cpuUs / now.cpuUs).toFixed(1).padStart(12)}`);
}
const matrix = await measure((text) => Buffer.from(QRCode.create(text, { errorCorrectionLevel: "M" }).modules.data));
console.log(`${"the module matrix alone".padEnd(28)} ${"QRCode.create".padEnd(22)} ${matrix.cpuUs.toFixed(0).padStart(12)} ${matrix.wallUs.toFixed(0).padStart(14)}`);
console.log(`loadavg at end ${load()}`);
