import path from "node:path";
import { clientModules } from "./client-modules";
import { readAppSources, scanKeyUsage } from "./i18n-usage";

/**
 * The message keys client code can ask for, from the sources: what `npm run i18n:client-keys` writes
 * to lib/i18n/client-keys.json, and what components/i18n/client-messages.test.ts checks that file
 * against. A key written in the code is listed as is; a template (`t(\`status.${s}\`)`) as the
 * prefix it starts with; a key that arrives as data (`t(code)`) keeps its whole namespace.
 */
export interface ClientKeys {
  keys: string[];
  prefixes: string[];
}

export const CLIENT_KEYS_FILE = path.join("lib", "i18n", "client-keys.json");

export function scanClientKeys(root: string): ClientKeys & { modules: number } {
  const sources = readAppSources(root);
  const client = new Set(
    clientModules(
      root,
      sources.map((s) => path.join(root, s.path)),
    ).map((f) => path.relative(root, f)),
  );
  const usage = scanKeyUsage(sources.filter((s) => client.has(s.path)));
  const keys = new Set<string>();
  const prefixes = new Set<string>();
  for (const use of usage.uses) {
    if (use.kind === "exact") keys.add(use.key);
    else if (use.kind === "prefix") prefixes.add(use.prefix);
    else prefixes.add(use.namespace === "" ? "" : `${use.namespace}.`);
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { keys: sorted(keys), prefixes: sorted(prefixes), modules: client.size };
}
