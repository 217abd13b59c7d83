// ESLint (flat config): typescript-eslint's recommended rules, the promise
// rules that matter for a bot that handles money (a forgotten await loses an
// error or a payment), a function-length warning, and the layers of
// src/ as import rules: dependencies point inwards (bot → services → domain).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

/** An import path that reaches into one of our top-level folders of src/. */
const into = (...folders) => `(^|/)(${folders.join("|")})/`;

/** One layer's rule: which of our folders (and which packages) its files must not import. */
function layer(name, files, { folders = [], packages = [], typesFrom = [], why }) {
  const patterns = [];
  if (folders.length) patterns.push({ regex: into(...folders), message: why });
  if (packages.length) patterns.push({ group: packages, message: why });
  // Interfaces a layer implements for a framework (e.g. grammY's StorageAdapter) may be imported as types.
  if (typesFrom.length) patterns.push({ group: typesFrom, allowTypeImports: true, message: why });
  return { name: `layers/${name}`, files, rules: { "no-restricted-imports": ["error", { patterns }] } };
}

const FRAMEWORKS = ["grammy", "@grammyjs/*", "@prisma/*", "hono", "hono/*", "@hono/*", "undici", "pino"];

export default defineConfig(
  globalIgnores(["node_modules/", "src/generated/", "coverage/", "data/", "reports/", ".stryker-tmp/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: "project/typed",
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    name: "project/node-scripts",
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    name: "project/browser-scripts",
    files: ["src/web/assets/**/*.js"],
    languageOptions: { sourceType: "script", globals: { document: "readonly", window: "readonly", Chart: "readonly" } },
  },
  {
    name: "project/short-functions",
    files: ["src/**/*.ts", "src/**/*.tsx"],
    rules: { "max-lines-per-function": ["warn", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    name: "project/tests",
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  layer("domain", ["src/domain/**"], {
    folders: ["app", "bot", "db", "generated", "http", "providers", "scheduler", "server", "services", "web"],
    packages: FRAMEWORKS,
    why: "src/domain/ is pure: it imports nothing of ours outside domain/ and no framework.",
  }),
  layer("services", ["src/services/**"], {
    folders: ["app", "bot", "scheduler", "server", "web", "giapi", "octopus", "fakes", "http"],
    packages: ["grammy", "@grammyjs/*", "hono", "hono/*", "@hono/*"],
    why: "src/services/ are framework-free use cases: they use domain/, db/ and the provider port (providers/port.ts, errors.ts) only.",
  }),
  layer("bot", ["src/bot/**"], {
    folders: ["app", "db", "generated", "providers", "scheduler", "server", "web"],
    packages: ["@prisma/*", "undici"],
    why: "src/bot/ reaches data and providers only through services/.",
  }),
  layer("db", ["src/db/**"], {
    folders: ["app", "bot", "scheduler", "server", "services", "web", "giapi", "octopus", "fakes", "http"],
    typesFrom: ["grammy", "@grammyjs/*"],
    why: "src/db/ stores domain objects; it knows nothing of the bot, the services or the adapters.",
  }),
  layer("real providers", ["src/providers/giapi/**", "src/providers/octopus/**", "src/providers/http/**"], {
    folders: ["app", "bot", "db", "fakes", "scheduler", "server", "services"],
    packages: ["grammy", "@grammyjs/*", "@prisma/*"],
    why: "A real provider adapter implements the port with domain types; it never imports a fake or anything of the shop.",
  }),
  layer("fakes", ["src/providers/fakes/**"], {
    folders: ["app", "bot", "db", "scheduler", "server", "services"],
    packages: ["grammy", "@grammyjs/*", "@prisma/*"],
    why: "The simulated providers stand apart: they serve the providers' wire shapes and know nothing of the shop.",
  }),
  layer("web", ["src/web/**"], {
    folders: ["app", "bot", "db", "generated", "providers", "scheduler", "server"],
    packages: ["grammy", "@grammyjs/*", "@prisma/*", "undici"],
    why: "src/web/ (the dashboard) turns HTTP into service calls and pages, like bot/ does with Telegram: data only through services/.",
  }),
  layer("scheduler", ["src/scheduler/**"], {
    folders: ["app", "bot", "db", "generated", "providers", "server"],
    why: "src/scheduler/ only ticks: the work is in services/.",
  }),
  layer("server", ["src/server/**"], {
    folders: ["app", "bot", "db", "generated", "scheduler", "fakes"],
    why: "src/server/ turns HTTP into service calls.",
  }),
);
