import Link from "next/link";
import { useTranslations } from "next-intl";
import { mergeCasesAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { DateTime } from "@/components/cases/time";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/form-fields";
import type { PossibleDuplicateDTO } from "@/lib/cases/duplicates";

/**
 * Coordinators only (ADR 031): the other cases with the same contact channel, each with the form
 * that merges it into this case (its code typed once more, then confirmed). Nothing moves: the other
 * case is closed as merged and its code leads here.
 */
export function DuplicatesSection({ caseRef, duplicates }: { caseRef: CaseRef; duplicates: PossibleDuplicateDTO[] }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  return (
    <Card aria-labelledby="duplicates-heading" className="border-amber-300">
      <CardHeader id="duplicates-heading" title={t("duplicates")} description={t("duplicatesHint")} />
      <CardBody className="space-y-4 text-sm">
        {duplicates.map((other) => (
          <div key={other.code} className="space-y-2" data-testid="possible-duplicate">
            <p>
              <Link href={`/cases/${other.code}`} className="font-mono font-medium text-brand-700 underline underline-offset-2">
                {other.code}
              </Link>{" "}
              · {tc(`status.${other.status}`)} · {t("duplicateOpened")} <DateTime date={other.createdAt} />
            </p>
            <ActionForm action={mergeCasesAction} aria-label={t("mergeAsk", { other: other.code })}>
              <RefInputs {...caseRef} />
              <input type="hidden" name="otherCode" value={other.code} />
              <TextField
                name="confirmCode"
                label={t("mergeConfirmCode", { other: other.code })}
                required
                autoComplete="off"
                spellCheck={false}
              />
              <ConfirmButton
                label={t("mergeAsk", { other: other.code })}
                title={t("mergeConfirmTitle", { other: other.code, code: caseRef.code })}
                body={t("mergeConfirmBody")}
                pendingLabel={t("saving")}
              />
            </ActionForm>
          </div>
        ))}
      </CardBody>
    </Card>
  );
}

/** What a merge left: on the case kept, which record came in; on the merged one (opened as history), where it went. */
export function MergedNotice({ code, mergedFrom, mergedInto }: { code: string; mergedFrom: string | null; mergedInto: string | null }) {
  const t = useTranslations("casePage");
  if (!mergedFrom && !mergedInto) return null;
  return (
    <p className="rounded-md bg-sky-50 p-3 text-sm text-sky-950" role="status" data-testid="merged-notice">
      {mergedFrom ? (
        <>
          {t("mergedFrom", { other: mergedFrom, code })}{" "}
          <Link href={`/cases/${mergedFrom}?history=1`} className="font-medium underline underline-offset-2">
            {t("mergedHistory", { other: mergedFrom })}
          </Link>
        </>
      ) : (
        <>
          {t("mergedInto", { code })}{" "}
          <Link href={`/cases/${mergedInto}`} className="font-medium underline underline-offset-2">
            {mergedInto}
          </Link>
        </>
      )}
    </p>
  );
}
