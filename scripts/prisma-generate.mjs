// Generates both Prisma clients (SQLite and PostgreSQL) after `npm install`.
// `prisma generate` never runs the schema engine, but Prisma tries to download it
// unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file, and its host is not
// reachable from our machines. Pointing it at the Node binary satisfies the check;
// where a real engine is installed, an explicit PRISMA_SCHEMA_ENGINE_BINARY wins.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";

for (const provider of ["sqlite", "postgresql"]) {
  execFileSync(
    process.execPath,
    ["node_modules/prisma/build/index.js", "generate", "--schema", `prisma/${provider}/schema.prisma`],
    { stdio: "inherit", env },
  );
}
