import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const shared = {
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components; tests and scripts are server code too.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
};

// next-auth's ESM build imports "next/server" without an extension, which Node's resolver refuses
// outside Next's bundler; inlined, Vite resolves it. Needed by anything importing lib/auth/session.ts.
const inlineDeps = { server: { deps: { inline: ["next-auth"] } } };

/**
 * Two projects, picked by file suffix: `*.test.ts` are unit tests (no I/O), `*.integration.test.ts`
 * run against a real PostgreSQL: the global setup migrates a template database once, and every test
 * file gets its own copy (lib/testing/vitest-setup.ts).
 */
export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          environment: "node",
          ...inlineDeps,
          include: ["{lib,app,components,scripts,prisma}/**/*.test.{ts,tsx}", "*.test.ts"],
          exclude: ["**/*.integration.test.{ts,tsx}", "node_modules/**"],
          setupFiles: ["lib/testing/unit-setup.ts"],
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          environment: "node",
          ...inlineDeps,
          include: ["{lib,app,components,scripts,prisma}/**/*.integration.test.{ts,tsx}", "*.integration.test.ts"],
          globalSetup: ["lib/testing/vitest-global-setup.ts"],
          setupFiles: ["lib/testing/vitest-setup.ts"],
          pool: "forks",
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
