/** The container runs the shop exactly as `npm start` does (node's flags included: see README "Performance"). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url);

describe("start command", () => {
  it("is the same in package.json's start script and the Dockerfile's CMD", () => {
    const { scripts } = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { scripts: { start: string } };
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(new URL("Dockerfile", root), "utf8"))?.[1];
    expect(cmd).toBeDefined();
    expect((JSON.parse(cmd!) as string[]).join(" ")).toBe(scripts.start);
    expect(scripts.start).toMatch(/^node --max-semi-space-size=\d+ --import tsx src\/main\.ts$/);
  });
});
