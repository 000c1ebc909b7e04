import { useTranslations } from "next-intl";
import { DateTime } from "@/components/cases/time";
import { ResolveConcernButton, SignOffForm } from "@/app/(app)/cases/[code]/_components/vetting-forms";
import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { CaseDetailDTO } from "@/lib/cases/dto";

const STATE_TONE: Record<CaseDetailDTO["vetting"]["state"], Tone> = {
  NONE: "neutral",
  ONE_SIGN_OFF: "info",
  CONCERNS: "danger",
  VERIFIED: "success",
};

/** The two-person verification of a case: its state, every sign-off, and the forms. */
export function VettingPanel({ detail }: { detail: CaseDetailDTO }) {
  const t = useTranslations("vetting");
  const { vetting } = detail;
  if (detail.status !== "VERIFYING" && vetting.signOffs.length === 0) return null;
  return (
    <Card aria-labelledby="vetting-heading">
      <CardHeader
        id="vetting-heading"
        title={t("title")}
        description={t("hint")}
        actions={<Badge tone={STATE_TONE[vetting.state]}>{t(`state.${vetting.state}`)}</Badge>}
      />
      <CardBody className="space-y-4">
        {detail.status === "VERIFYING" && vetting.block ? (
          <Alert tone={vetting.block === "unresolved_concern" ? "danger" : "info"}>{t(`block.${vetting.block}`)}</Alert>
        ) : null}
        {vetting.signOffs.length ? (
          <ul className="space-y-3">
            {vetting.signOffs.map((s) => (
              <li key={s.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="sign-off">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{s.author}</span>
                  <Badge>{t(`role.${s.authorRole}`)}</Badge>
                  <Badge tone={s.outcome === "VERIFIED" ? "success" : s.resolvedAt ? "warning" : "danger"}>
                    {t(`outcomeShort.${s.outcome}`)}
                  </Badge>
                  <span className="text-xs text-slate-600">
                    <DateTime date={s.createdAt} />
                  </span>
                </p>
                <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-2">
                  {(Object.entries(s.checklist) as Array<[keyof typeof s.checklist, string]>).map(([q, a]) => (
                    <div key={q} className="flex justify-between gap-2">
                      <dt className="text-slate-600">{t(`question.${q}`)}</dt>
                      <dd className={a === "YES" ? "font-medium text-emerald-800" : "font-semibold text-red-700"}>{t(`answer.${a}`)}</dd>
                    </div>
                  ))}
                </dl>
                {s.remark ? <p className="mt-2 text-slate-800">{s.remark}</p> : null}
                {s.outcome === "CONCERNS" ? (
                  s.resolvedAt ? (
                    <p className="mt-2 text-xs text-slate-600">{t("resolvedBy", { who: s.resolvedBy ?? "—" })}</p>
                  ) : detail.can.resolveConcern ? (
                    <div className="mt-2">
                      <ResolveConcernButton code={detail.code} version={detail.version} signOffId={s.id} />
                    </div>
                  ) : null
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t("none")}</p>
        )}
        {vetting.signedByMe ? (
          <p role="status" className="text-sm font-medium text-emerald-800">
            {t("signedByYou")}
          </p>
        ) : null}
        {detail.can.signOff ? (
          // Open for whoever may still sign: the second signer is the one this panel waits for.
          <section aria-labelledby="vetting-your-sign-off" className="rounded-md border border-dashed border-slate-300 p-3">
            <h3 id="vetting-your-sign-off" className="text-sm font-medium text-brand-700">
              {t("yourSignOff")}
            </h3>
            <div className="mt-3">
              <SignOffForm code={detail.code} version={detail.version} />
            </div>
          </section>
        ) : null}
      </CardBody>
    </Card>
  );
}
