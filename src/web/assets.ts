/**
 * The dashboard's static files, served by the bot itself (the shop may run
 * offline: no CDN): Chart.js and htmx from node_modules, our script and
 * stylesheet from src/web/assets/. Read once when the app is built.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A file served under /dashboard/assets/. */
export interface Asset {
  body: string;
  type: string;
}

const require = createRequire(import.meta.url);
const OWN = dirname(fileURLToPath(import.meta.url));

/** The assets by file name. */
export function loadAssets(): ReadonlyMap<string, Asset> {
  const js = "text/javascript; charset=utf-8";
  // Each package's main file sits in its dist/ folder, next to the browser build we serve.
  const chartDist = dirname(require.resolve("chart.js"));
  const htmxDist = dirname(require.resolve("htmx.org"));
  return new Map<string, Asset>([
    ["chart.umd.min.js", { body: readFileSync(join(chartDist, "chart.umd.min.js"), "utf8"), type: js }],
    ["htmx.min.js", { body: readFileSync(join(htmxDist, "htmx.min.js"), "utf8"), type: js }],
    ["dashboard.js", { body: readFileSync(join(OWN, "assets", "dashboard.js"), "utf8"), type: js }],
    ["dashboard.css", { body: readFileSync(join(OWN, "assets", "dashboard.css"), "utf8"), type: "text/css; charset=utf-8" }],
  ]);
}
