import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CaseSections } from "@/app/(app)/cases/[code]/_components/case-sections";
import { requirePageActor } from "@/lib/auth/session";
import { getCaseDetail } from "@/lib/cases/queries";
import { listCaseStaff } from "@/lib/cases/staff";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { countryOptions } from "@/lib/i18n/countries";
import { CaseCodeSchema } from "@/lib/validation/atoms";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const code = CaseCodeSchema.safeParse((await params).code);
  const t = await getTranslations("casePage");
  // The code only; nothing about the case itself goes into the title.
  return { title: code.success ? code.data : t("titleFallback") };
}

export default async function CasePage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor("case:read");
  const code = CaseCodeSchema.safeParse((await params).code);
  if (!code.success) notFound();
  let detail;
  try {
    detail = await getCaseDetail(actor, code.data);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    // The reading monitor suspended the account on this read: its sessions are already ended.
    if (error instanceof UnauthenticatedError) redirect("/login?ended=suspended");
    throw error;
  }
  // A caseworker gets themselves and the case's assignee, never the staff list.
  const [staff, locale, query] = await Promise.all([listCaseStaff(actor, detail), getLocale(), searchParams]);
  return (
    <ClientMessages namespaces={["case", "casePage", "vetting", "places"]}>
      <CaseSections
        detail={detail}
        countries={countryOptions(locale)}
        caseworkers={staff.caseworkers}
        owners={staff.owners}
        people={staff.people}
        justCreated={query.created === "1"}
      />
    </ClientMessages>
  );
}
