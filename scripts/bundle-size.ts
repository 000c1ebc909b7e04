import { firstLoadJs } from "./lib/bundle-size";
import { runCli } from "./lib/cli";

await runCli({
  help: `npm run bundle:size — first-load JavaScript of every route of the production build (gzipped)

Reads .next (run \`npx next build\` first). Budget: /cases and /cases/[code] under 200 kB.

Options:
  -h, --help   show this help`,
  async run() {
    const routes = firstLoadJs();
    const kB = (bytes: number, digits = 1) => (bytes / 1024).toFixed(digits);
    for (const r of routes)
      console.log(`  ${r.route.padEnd(24)} ${kB(r.gzipBytes).padStart(7)} kB gzipped  (${kB(r.rawBytes, 0)} kB raw, ${r.files} files)`);
    const largest = routes.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a));
    return `${routes.length} routes; largest ${largest.route} at ${kB(largest.gzipBytes)} kB gzipped`;
  },
});
