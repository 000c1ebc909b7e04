import { defineConfig } from "prisma/config";

// Prisma's CLI reads this file; the app itself never does (lib/env.ts is the only reader of the environment).
// `process.env` instead of `env()`: `prisma generate` must work in steps that have no database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL },
  // The data steps' bookkeeping (lib/migrations/migrate.ts) is the runner's own table, like _prisma_migrations.
  experimental: { externalTables: true },
  tables: { external: ["public._waypoint_data_migrations"] },
});
