import { parseArgs } from "node:util";
import { firstLoadJs } from "./lib/bundle-size";
import { fail } from "./lib/local-runtime";

const HELP = `npm run bundle:size — first-load JavaScript of every route of the production build (gzipped)

Reads .next (run \`npx next build\` first). Budget: /cases and /cases/[code] under 200 kB.

Options:
  -h, --help   show this help`;

const { values } = parseArgs({ options: { help: { type: "boolean", short: "h" } } });
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
try {
  const routes = firstLoadJs();
  for (const r of routes)
    console.log(
      `  ${r.route.padEnd(24)} ${(r.gzipBytes / 1024).toFixed(1).padStart(7)} kB gzipped  (${(r.rawBytes / 1024).toFixed(0)} kB raw, ${r.files} files)`,
    );
  const largest = routes.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a));
  console.log(`✔ ${routes.length} routes; largest ${largest.route} at ${(largest.gzipBytes / 1024).toFixed(1)} kB gzipped`);
} catch (error) {
  fail(error);
}
