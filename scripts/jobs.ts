import { db } from "../lib/db/client";
import { raiseDueTaskNotifications } from "../lib/notifications/due-tasks";
import { runCli } from "./lib/cli";

await runCli({
  help: `npm run jobs — run the scheduled work once, now

Each app instance already does this on its own schedule (every 15 minutes); run it from cron when
the app's instances are stopped or scaled to zero, or to see what it does.

  - notifications of tasks: each open task of an open case, to its owner, once on the day it is due
    and once when it is overdue. Running it twice, or beside the app's instances, adds nothing the
    second time.

Options:
  -h, --help    show this help

Exits 0 with a one-line summary. Database: DATABASE_URL, or the embedded PostgreSQL under .data/
when it is unset.`,
  options: {},
  database: () => true,
  async run({ progress }) {
    progress("notifications of tasks due and overdue");
    const due = await raiseDueTaskNotifications(db());
    progress.end();
    if (due.skipped) return "another instance is raising task notifications right now; nothing done (run again in a minute)";
    return `${due.raised} task notification${due.raised === 1 ? "" : "s"} raised`;
  },
});
