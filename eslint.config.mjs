import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

// The demo seed, the load generator and their PRNG (prisma/seed) create accounts with published
// passwords: product code for the README's first command, never reachable from the app.
const SEED_IMPORTS = ["@/prisma/seed", "@/prisma/seed/*", "**/prisma/seed", "**/prisma/seed/*"];
const SEED_MESSAGE = "prisma/seed creates demo and load data with published passwords; app code never imports it.";

export default tseslint.config(
  {
    ignores: [
      "**/*.tmp.*",
      "**/.next/**",
      "node_modules/**",
      "lib/db/generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "**/next-env.d.ts",
      "coverage/**",
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Playwright fixtures call `use()`, which is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The data layer stays behind lib/: routes and components never talk to the database directly,
    // and test factories (which bypass authorization) never reach app code.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db/client", "@/lib/db/client.*", "@/lib/migrations/migrate", "@/lib/db/embedded"],
              message: "Use the data-access layer in lib/<domain>, not the database client.",
            },
            { group: ["@/lib/testing/*"], message: "Test factories bypass authorization; app code never imports them." },
            { group: SEED_IMPORTS, message: SEED_MESSAGE },
            { group: ["@prisma/*", "pg"], message: "Database access lives in lib/." },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point down: routes use shared UI, shared UI never reaches up into a route
    // (its actions and private components live beside the route, in app/**/_components).
    files: ["components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/app/**", "../**/app/**"],
              message:
                "components/ holds UI several routes share; it never imports from app/. Pass the action in as a prop, or move the component beside its route.",
            },
            {
              group: ["@/lib/db/client", "@/lib/db/client.*", "@/lib/migrations/migrate", "@/lib/db/embedded"],
              message: "Use the data-access layer in lib/<domain>, not the database client.",
            },
            { group: ["@/lib/testing/*"], message: "Test factories bypass authorization; app code never imports them." },
            { group: SEED_IMPORTS, message: SEED_MESSAGE },
            { group: ["@prisma/*", "pg", "@/lib/db/generated/*", "@/lib/db/generated/**"], message: "Database access lives in lib/." },
          ],
        },
      ],
    },
  },
  {
    // lib/ is what app code runs on; the demo seed and load generator sit above it (prisma/seed) and
    // may use lib/, never the other way round. Tests and the test harness may use the seed.
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/testing/**", "**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: SEED_IMPORTS, message: SEED_MESSAGE }] }] },
  },
  {
    // process.env is read in one place: lib/env.ts (and the tooling that runs before it).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/env.ts", "lib/db/embedded.ts", "lib/testing/**", "**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }],
    },
  },
  {
    // A file does one job: past 200 lines it is doing two (docs/decisions/015-one-layout.md). Tests,
    // the test harness and the screening corpus (a data table) are exempt.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/testing/**", "**/*.test.{ts,tsx}", "lib/cases/screening.corpus.ts"],
    rules: { "max-lines": ["error", { max: 200 }] },
  },
);
