import { db } from "../lib/db/client";
import { raiseDueTaskNotifications } from "../lib/notifications/due-tasks";
import { deleteEndedOutreachWindows } from "../lib/outreach/cleanup";
import { indexUnindexedContacts } from "../lib/cases/contact-index-backfill";
import { deliverNotificationHook } from "../lib/notifications/outbound-hook";
import { runCli } from "./lib/cli";

await runCli({
  help: `npm run jobs — run the scheduled work once, now

Each app instance already does this on its own schedule (every 15 minutes); run it from cron when
the app's instances are stopped or scaled to zero, or to see what it does.

  - notifications of tasks: each open task of an open case, to its owner, once on the day it is due
    and once when it is overdue;
  - notifications of deadlines, to the case's caseworker: a stay ending within 14 days (or ended), a
    granted visa's entry deadline within 14 days, once per deadline week;
  - outreach windows that ended are deleted (every read already ignores them);
  - with NOTIFICATION_HOOK_URL set, the unread notifications not announced yet are announced to it
    (staff e-mails and kinds only; off by default);
  - contact channels not yet in the duplicate check's index are indexed (after an upgrade, or after
    CONTACT_INDEX_KEY changed and the column was cleared).
  Running it twice, or beside the app's instances, adds nothing the second time.

Options:
  -h, --help    show this help

Exits 0 with a one-line summary. Database: DATABASE_URL, or the embedded PostgreSQL under .data/
when it is unset.`,
  options: {},
  secrets: true,
  database: () => true,
  async run({ progress }) {
    progress("notifications of tasks due and overdue, stays ending and entry deadlines");
    const due = await raiseDueTaskNotifications(db());
    progress.end();
    const ended = await deleteEndedOutreachWindows(db());
    const hook = await deliverNotificationHook(db());
    const indexed = await indexUnindexedContacts(db());
    const hooked =
      hook === null ? "no outbound hook" : hook.delivered ? `${hook.announced} announced to the hook` : "the hook failed (see the log)";
    const housekeeping = `${ended} ended outreach window${ended === 1 ? "" : "s"} deleted; ${indexed} contact channel${indexed === 1 ? "" : "s"} indexed; ${hooked}`;
    if (due.skipped) return `another instance is raising notifications right now; none raised (run again in a minute); ${housekeeping}`;
    return `${due.raised} task notification${due.raised === 1 ? "" : "s"} and ${due.deadlines} deadline notification${due.deadlines === 1 ? "" : "s"} raised; ${housekeeping}`;
  },
});
