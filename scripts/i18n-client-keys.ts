import { writeFileSync } from "node:fs";
import path from "node:path";
import { CLIENT_KEYS_FILE, scanClientKeys } from "../lib/testing/client-keys";
import { runCli } from "./lib/cli";

await runCli({
  help: `npm run i18n:client-keys — list the message keys client components use

Reads the sources (app/, components/, lib/): the files that run in the browser ("use client" and
what they import) and the keys their translators name. Writes ${CLIENT_KEYS_FILE}, which decides
which messages pages send to the browser (lib/i18n/client-catalog.ts). Run it after adding a
message to a client component; the unit tests say when the file is out of date.

Options:
  -h, --help   show this help`,
  async run() {
    const root = process.cwd();
    const { keys, prefixes, modules } = scanClientKeys(root);
    writeFileSync(path.join(root, CLIENT_KEYS_FILE), `${JSON.stringify({ keys, prefixes }, null, 2)}\n`);
    return `${keys.length} keys and ${prefixes.length} key prefixes used by ${modules} client modules, written to ${CLIENT_KEYS_FILE}`;
  },
});
