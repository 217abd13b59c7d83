import { defineConfig } from "prisma/config";

// Used by the Prisma CLI only (generate; migrate where the schema engine exists).
// The application connects through driver adapters built in src/db/client.ts.
export default defineConfig({
  schema: "prisma/sqlite/schema.prisma",
  migrations: { path: "prisma/sqlite/migrations" },
});
