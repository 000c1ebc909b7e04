import { redirect } from "next/navigation";
import { getFormatter, getLocale } from "next-intl/server";
import { AssistanceSection } from "@/app/(app)/cases/[code]/_components/assistance-section";
import { ApplicationsSection } from "@/app/(app)/cases/[code]/_components/applications-section";
import { AssignmentSection } from "@/app/(app)/cases/[code]/_components/assignment-section";
import { CaseHeader } from "@/app/(app)/cases/[code]/_components/case-header";
import { TimelineSection } from "@/app/(app)/cases/[code]/_components/case-timeline";
import { ContactSection } from "@/app/(app)/cases/[code]/_components/contact-section";
import { DocumentsSection } from "@/app/(app)/cases/[code]/_components/documents-section";
import { casePageMetadata, readCasePage } from "@/app/(app)/cases/[code]/_components/read-case-page";
import { EraseSection } from "@/app/(app)/cases/[code]/_components/erase-section";
import { DuplicatesSection, MergedNotice } from "@/app/(app)/cases/[code]/_components/duplicates-section";
import { GroupSection } from "@/app/(app)/cases/[code]/_components/group-section";
import { LegalSection } from "@/app/(app)/cases/[code]/_components/legal-section";
import { LocationSection } from "@/app/(app)/cases/[code]/_components/location-section";
import { NextStepsSection } from "@/app/(app)/cases/[code]/_components/next-steps-section";
import { NotesSection } from "@/app/(app)/cases/[code]/_components/notes-section";
import { ProfileSection } from "@/app/(app)/cases/[code]/_components/profile-section";
import { StatusSection } from "@/app/(app)/cases/[code]/_components/status-section";
import { SupervisionSection } from "@/app/(app)/cases/[code]/_components/supervision-section";
import { VettingPanel } from "@/app/(app)/cases/[code]/_components/vetting-panel";
import { can as canPolicy } from "@/lib/access/policy";
import { requirePageActor } from "@/lib/auth/session";
import { getCaseDetail } from "@/lib/cases/queries";
import { getPendingErasure } from "@/lib/cases/erasure";
import { listPossibleDuplicates } from "@/lib/cases/duplicates";
import { listCaseAssistance } from "@/lib/budget/assistance";
import { listActiveBudgetLines } from "@/lib/budget/lines";
import { listCaseStaff } from "@/lib/cases/staff";
import { partnerLawyerChoices } from "@/lib/lawyers/partners";
import { countryOptions } from "@/lib/i18n/countries";
import { outreachUntil } from "@/lib/outreach/notice";
import { ClientMessages } from "@/components/i18n/client-messages";

export const generateMetadata = casePageMetadata;

/** The case page: every part of a case, each section with the forms the viewer may use. */
export default async function CasePage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor("case:read");
  const { data: detail } = await readCasePage(params, (code) => getCaseDetail(actor, code));
  const query = await searchParams;
  // A merged case's code leads to the case it went into (ADR 031), unless its history is asked for.
  if (detail.mergedInto && query.history !== "1") redirect(`/cases/${detail.mergedInto}?mergedFrom=${detail.code}`);
  const mergedFrom = detail.timeline.find((e) => e.type === "MERGED" && e.detail.code === query.mergedFrom)?.detail.code;
  const canMerge = canPolicy(actor.role, "case:merge") && detail.status !== "CLOSED";
  // A caseworker gets themselves and the case's assignee, never the staff list.
  const [staff, locale, duplicates, partners, assistance, lines, erasure, outreach, format] = await Promise.all([
    listCaseStaff(actor, detail),
    getLocale(),
    canMerge ? listPossibleDuplicates(actor, detail.code) : [],
    partnerLawyerChoices(),
    listCaseAssistance(actor, detail.code),
    detail.can.edit ? listActiveBudgetLines(actor) : [],
    detail.can.erase ? getPendingErasure(actor, detail.code) : null,
    detail.can.revealContact ? outreachUntil(actor, detail.code) : null,
    getFormatter(),
  ]);
  // The partners offered (active) and those the proceedings name; nothing else goes to the browser.
  const named = new Set(detail.legal.extraditions.map((p) => p.partnerLawyerId));
  const lawyers = partners.filter((l) => l.active || named.has(l.id)).map(({ id, label, active }) => ({ id, label, active }));
  const countries = countryOptions(locale);
  const caseRef = { code: detail.code, version: detail.version };
  const { can } = detail;
  // Sections that run in the browser get only what they show.
  const notes = detail.notes
    .filter((n) => !n.superseded)
    .map(({ id, author, createdAt, body, supersedesId }) => ({ id, author, createdAt, body, supersedesId }));
  return (
    <ClientMessages namespaces={["case", "casePage", "vetting", "places", "time", "assistance"]}>
      <div className="space-y-6">
        <CaseHeader detail={detail} justCreated={query.created === "1"} />
        <MergedNotice
          code={detail.code}
          mergedFrom={typeof mergedFrom === "string" ? mergedFrom : null}
          mergedInto={detail.closeReason === "MERGED" ? detail.mergedInto : null}
        />
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-2">
            <StatusSection
              caseRef={caseRef}
              status={detail.status}
              next={can.changeStatus}
              canClose={can.close}
              statusBeforeClose={detail.statusBeforeClose}
            />
            <VettingPanel detail={detail} />
            <LocationSection
              caseRef={caseRef}
              location={detail.location}
              stay={detail.stay}
              movements={detail.movements}
              countries={countries}
              edit={can.edit}
              groupMates={(detail.group?.members ?? []).filter((m) => !m.closed).map(({ code, version }) => ({ code, version }))}
            />
            <GroupSection caseRef={caseRef} group={detail.group} edit={can.edit} />
            <LegalSection
              caseRef={caseRef}
              legal={detail.legal}
              country={detail.location.country}
              countries={countries}
              lawyers={lawyers}
              edit={can.edit}
            />
            <DocumentsSection caseRef={caseRef} documents={detail.documents} edit={can.edit} />
            <ApplicationsSection
              caseRef={caseRef}
              applications={detail.applications}
              currentCountry={detail.location.country}
              countries={countries}
              edit={can.edit}
              issueLetter={can.issueLetter}
            />
            <AssistanceSection
              caseRef={caseRef}
              items={assistance}
              lines={lines.map(({ id, label, currency }) => ({ id, label, currency }))}
              edit={can.edit}
            />
            <NextStepsSection
              caseRef={caseRef}
              steps={detail.nextSteps}
              edit={can.edit}
              owners={staff.owners}
              defaultOwner={detail.assignee?.id ?? null}
            />
            <NotesSection caseRef={caseRef} notes={notes} canRead={can.readNotes} canAdd={can.addNote} />
            {detail.supervisionNotes ? (
              <SupervisionSection caseRef={caseRef} notes={detail.supervisionNotes} canAdd={can.addSupervision} />
            ) : null}
          </div>
          <div className="space-y-6">
            <ContactSection
              caseRef={caseRef}
              canReveal={can.revealContact}
              canEdit={detail.status !== "CLOSED"}
              outreachUntil={outreach ? format.dateTime(outreach, { timeStyle: "short" }) : null}
            />
            {duplicates.length ? <DuplicatesSection caseRef={caseRef} duplicates={duplicates} /> : null}
            {can.assign ? (
              <AssignmentSection caseRef={caseRef} current={detail.assignee?.id ?? null} caseworkers={staff.caseworkers} />
            ) : null}
            <ProfileSection caseRef={caseRef} profile={detail.profile} edit={can.edit} />
            <TimelineSection
              events={detail.timeline}
              people={staff.people}
              trailHref={canPolicy(actor.role, "case:readTrail") ? `/cases/${detail.code}/trail` : undefined}
            />
            {can.erase ? <EraseSection caseRef={caseRef} pending={erasure} /> : null}
          </div>
        </div>
      </div>
    </ClientMessages>
  );
}
