/**
 * The layer rules of eslint.config.js really refuse what they promise to
 * refuse: each probe is linted as if it were a file of that layer.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The probes are not on disk, so the type-aware rules cannot run on them; the layer rules need no types.
const eslint = new ESLint({
  overrideConfig: {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      "@typescript-eslint/no-floating-promises": "off",
      "@typescript-eslint/no-misused-promises": "off",
      "@typescript-eslint/await-thenable": "off",
    },
  },
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer rules", () => {
  it.each([
    ["src/domain/probe.ts", `import type { Logger } from "../services/logger.ts";`],
    ["src/domain/destinations/probe.ts", `import type { Bot } from "grammy";`],
    ["src/bot/features/probe.ts", `import type { UsersRepository } from "../../db/users-repository.ts";`],
    ["src/bot/probe.ts", `import type { EsimProvider } from "../providers/port.ts";`],
    ["src/providers/giapi/probe.ts", `import { startSandbox } from "../fakes/giapi-sandbox/server.ts";`],
    ["src/providers/octopus/probe.ts", `import type { OrdersRepository } from "../../db/orders-repository.ts";`],
    ["src/services/probe.ts", `import type { Context } from "grammy";`],
    ["src/services/probe.ts", `import type { BotContext } from "../bot/context.ts";`],
    ["src/db/probe.ts", `import type { OrderService } from "../services/orders.ts";`],
    ["src/web/pages/probe.ts", `import type { DashboardOrdersReads } from "../../db/dashboard-orders-reads.ts";`],
    ["src/web/probe.ts", `import type { Bot } from "grammy";`],
    ["src/services/operator/probe.ts", `import { createDashboardApp } from "../../web/dashboard-app.tsx";`],
  ])("%s may not say %s", async (filePath, code) => {
    expect(await restrictedImports(filePath, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ["src/services/probe.ts", `import type { EsimProvider } from "../providers/port.ts";`],
    ["src/bot/probe.ts", `import type { OrderService } from "../services/orders.ts";`],
    ["src/db/probe.ts", `import type { StorageAdapter } from "grammy";`],
    ["src/providers/fakes/octopus/probe.ts", `import { wireProduct } from "../../octopus/wire.ts";`],
    ["src/app/probe.ts", `import type { UsersRepository } from "../db/users-repository.ts";`],
    ["src/web/probe.ts", `import type { DashboardService } from "../services/operator/dashboard.ts";`],
    ["src/web/probe.ts", `import { Hono } from "hono";`],
  ])("%s may say %s", async (filePath, code) => {
    expect(await restrictedImports(filePath, `${code}\nexport {};\n`)).toEqual([]);
  });
});
