import path from "node:path";
import { fileURLToPath } from "node:url";

// The reference app resolves next and react from the repository's own node_modules (two folders
// up), so it always runs the exact versions the app runs. Turbopack must be allowed to read there.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // As the app's next.config.js: no powered-by header, strict mode, compression left on.
  poweredByHeader: false,
  reactStrictMode: true,
  turbopack: { root },
};

export default nextConfig;
