import { totpCodeAt } from "../lib/auth/totp";
import { DEMO_ACCOUNTS } from "../prisma/seed/demo-seed";
import { runCli, UsageError } from "./lib/cli";

await runCli({
  help: `npm run demo:code -- <email> — print the current TOTP code of a demo account

Works only for the four demo accounts, whose TOTP secrets are published in the README.
Example: npm run demo:code -- caseworker1@example.org

Options:
  -h, --help   show this help`,
  positionals: true,
  async run({ positionals }) {
    const email = positionals[0]?.toLowerCase();
    const account = DEMO_ACCOUNTS.find((a) => a.email === email);
    if (!account) {
      const accounts = DEMO_ACCOUNTS.map((a) => a.email).join(", ");
      throw new UsageError(`${email ? `${email} is not a demo account` : "give a demo account's e-mail"}. Demo accounts: ${accounts}`);
    }
    const now = Date.now();
    console.log(totpCodeAt(account.totpSecret, now));
    // On stderr, so that stdout is the code alone (to paste, or to pipe).
    console.error(`(valid for ${30 - (Math.floor(now / 1000) % 30)} more seconds; each code can be used once)`);
  },
});
