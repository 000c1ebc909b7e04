import { parseArgs } from "node:util";
import { totpCodeAt } from "../lib/auth/totp";
import { DEMO_ACCOUNTS } from "../prisma/seed/demo-seed";

const HELP = `npm run demo:code -- <email> — print the current TOTP code of a demo account

Works only for the four demo accounts, whose TOTP secrets are published in the README.
Example: npm run demo:code -- caseworker1@example.org

Options:
  -h, --help   show this help`;

const { values, positionals } = parseArgs({ options: { help: { type: "boolean", short: "h" } }, allowPositionals: true });
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const email = positionals[0]?.toLowerCase();
const account = DEMO_ACCOUNTS.find((a) => a.email === email);
if (!account) {
  console.error(
    `✖ ${email ? `${email} is not a demo account` : "give a demo account's e-mail"}. Demo accounts: ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`,
  );
  process.exit(1);
}
const now = Date.now();
const secondsLeft = 30 - (Math.floor(now / 1000) % 30);
console.log(totpCodeAt(account.totpSecret, now));
console.error(`(valid for ${secondsLeft} more seconds; each code can be used once)`);
