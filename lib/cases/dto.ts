import type {
  AgeBand,
  ApplicationStatus,
  ApplicationType,
  CaseEventType,
  ChecklistAnswer,
  CaseStatus,
  CloseReason,
  DocumentState,
  DocumentType,
  JurisdictionRisk,
  RiskLevel,
  Role,
  ServiceCategory,
  SignOffOutcome,
  VettingState,
} from "@/lib/db/generated/enums";
import type { LegalDTO } from "./dto-legal";
import type { CaseGroupDTO, MovementDTO, StayDTO } from "./dto-travel";
import type { CaseCapabilities } from "./capabilities";

/**
 * What the browser may receive about cases. Written out by hand on purpose: these types are the
 * contract with client components, so a new field is a deliberate edit. The contact channel and
 * note text appear only in the fields marked below, filled only for the assigned caseworker.
 */

export type * from "./dto-legal";
export type * from "./dto-travel";

export interface CaseListItemDTO {
  code: string;
  /** For bulk actions, which name the version the coordinator saw. */
  version: number;
  status: CaseStatus;
  statusSince: Date;
  country: string;
  countryRisk: JurisdictionRisk | null;
  riskLevel: RiskLevel;
  assignee: string | null;
  /** When the earliest open next step is due (its text is sealed and shown on the case page only). */
  nextStepDue: { dueOn: Date; overdue: boolean } | null;
  /** Monday of the week the stay where the person is runs out (ADR 020); the exact day is on the case page. */
  stayEndsWeek: Date | null;
  noValidTravelDocument: boolean;
  updatedAt: Date;
}

export interface CaseListPageDTO {
  items: CaseListItemDTO[];
  /** How many cases match, counted up to CASE_COUNT_LIMIT. */
  total: number;
  /** More than `total` cases match (the count stopped at CASE_COUNT_LIMIT). */
  totalCapped: boolean;
  /** Code of the last item when there is a next page (keyset pagination). */
  nextAfter: string | null;
}

export interface StaffOptionDTO {
  id: string;
  email: string;
  role: "CASEWORKER" | "COORDINATOR";
  active: boolean;
}

export interface DocumentDTO {
  type: DocumentType;
  state: DocumentState;
  expiresOn: Date | null;
}

export interface ApplicationDTO {
  id: string;
  type: ApplicationType;
  destinationCountry: string;
  officeCity: string | null;
  status: ApplicationStatus;
  submittedOn: Date | null;
  appointmentAt: Date | null;
  decisionOn: Date | null;
  /** A granted visa's validity window and entry deadline; a rejection's appeal deadline (ADR 021). */
  validFrom: Date | null;
  validUntil: Date | null;
  entryBy: Date | null;
  appealBy: Date | null;
  /** The organisation's support letter: the day and the coordinator who issued it (staff, named to whoever reads the case). */
  letter: { issuedOn: Date | null; issuedBy: string | null } | null;
  nextStatuses: ApplicationStatus[];
  /** The destination's checklist for this type, in order, with each item's state (null: not known yet). */
  checklist: Array<{ itemId: string; label: string; state: "READY" | "MISSING" | null }>;
}

export interface NextStepDTO {
  id: string;
  text: string;
  ownerId: string | null;
  owner: string | null;
  dueOn: Date | null;
  doneAt: Date | null;
  /** Who marked it done (null while open). */
  doneBy: string | null;
  /** A recurring check-in's interval in days (null: it does not repeat). */
  repeatDays: number | null;
  overdue: boolean;
}

export interface NoteDTO {
  id: string;
  author: string;
  createdAt: Date;
  /** Decrypted text: only for the assigned caseworker, null for everyone else. */
  body: string | null;
  /** Id of the note this version corrects. */
  supersedesId: string | null;
  /** This version was corrected later (the newer version is shown instead). */
  superseded: boolean;
}

export interface TimelineEventDTO {
  id: string;
  type: CaseEventType;
  actor: string | null;
  at: Date;
  detail: Record<string, string | number | boolean | null>;
}

export interface CaseDetailDTO {
  code: string;
  version: number;
  status: CaseStatus;
  statusSince: Date;
  statusBeforeClose: CaseStatus | null;
  closeReason: CloseReason | null;
  closeReasonText: string | null;
  /** Closed as MERGED: the code of the case it went into, when the viewer may see that case (ADR 031). */
  mergedInto: string | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  profile: {
    ageBand: AgeBand;
    serviceCategory: ServiceCategory;
    peopleTravelling: number;
    language: string;
    riskLevel: RiskLevel;
  };
  location: { country: string; countryRisk: JurisdictionRisk | null; place: string | null };
  /** The stay where the person is now (ADR 020); null when no stay there is open. */
  stay: StayDTO | null;
  movements: MovementDTO[];
  group: CaseGroupDTO | null;
  documents: DocumentDTO[];
  noValidTravelDocument: boolean;
  applications: ApplicationDTO[];
  legal: LegalDTO;
  nextSteps: NextStepDTO[];
  notes: NoteDTO[];
  /** Coordinators' supervision notes, opened only for those who may read them (null otherwise). */
  supervisionNotes: Array<{ id: string; author: string; createdAt: Date; body: string }> | null;
  timeline: TimelineEventDTO[];
  assignee: { id: string; email: string } | null;
  vetting: {
    state: VettingState;
    /** Why the case may not leave VERIFYING yet (null: it may). */
    block: "needs_two_sign_offs" | "needs_coordinator_sign_off" | "unresolved_concern" | null;
    /** The reader has signed off this case (their form is gone; the panel says so). */
    signedByMe: boolean;
    signOffs: Array<{
      id: string;
      author: string;
      authorRole: Role;
      createdAt: Date;
      checklist: {
        storyConsistent: ChecklistAnswer;
        serviceStatusPlausible: ChecklistAnswer;
        noCrimesIndication: ChecklistAnswer;
        noProvocationSign: ChecklistAnswer;
      };
      outcome: SignOffOutcome;
      remark: string | null;
      resolvedBy: string | null;
      resolvedAt: Date | null;
    }>;
  };
  /** What the viewer may do on this page. */
  /** What the viewer may do on this case (lib/cases/capabilities.ts decides). */
  can: CaseCapabilities;
}
