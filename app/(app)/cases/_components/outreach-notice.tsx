import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import type { Actor } from "@/lib/access/actor";
import { outreachNotice } from "@/lib/outreach/notice";

/** Above a caseworker's case list: an outreach window covers some of their cases (ADR 028), until when. */
export async function OutreachNotice({ actor }: { actor: Actor }) {
  const notice = await outreachNotice(actor);
  if (!notice) return null;
  const [t, format] = await Promise.all([getTranslations("cases"), getFormatter()]);
  return (
    <Alert tone="info" className="mb-4" title={t("outreachTitle", { time: format.dateTime(notice.until, { timeStyle: "short" }) })}>
      <span data-testid="outreach-notice">{t("outreachBody", { count: notice.cases })}</span>
    </Alert>
  );
}
