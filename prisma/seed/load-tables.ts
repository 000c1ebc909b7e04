import type { CaseStatus } from "@/lib/db/generated/enums";
import { PLACES as DEMO_PLACES } from "./demo-tables";

/** The load generator's data tables: stage proportions, places and texts. */

export const STAGES: ReadonlyArray<readonly [CaseStatus, number]> = [
  ["NEW", 8],
  ["VERIFYING", 7],
  ["PLANNING_EXIT", 8],
  ["IN_TRANSIT", 5],
  ["IN_THIRD_COUNTRY", 20],
  ["APPLYING", 15],
  ["RELOCATED", 17],
  ["CLOSED", 20],
];

/** The demo's places, with fewer cities in RU, FR and DE and two more countries to wait in. */
export const PLACES: Record<string, readonly string[]> = {
  ...DEMO_PLACES,
  RU: ["Moscow", "St Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan", "Samara"],
  FR: ["Paris", "Lyon"],
  DE: ["Berlin", "Hamburg"],
  UZ: ["Tashkent"],
  MN: ["Ulaanbaatar"],
};

export const THIRD = ["KZ", "AM", "KG", "GE", "TR", "RS", "UZ", "MN"] as const;

/** Where applications are filed: [country, city]. */
export const OFFICES = [
  ["KZ", "Almaty"],
  ["AM", "Yerevan"],
  ["GE", "Tbilisi"],
  ["TR", "Istanbul"],
  ["RS", "Belgrade"],
] as const;

export const STEP_TEXTS = [
  "Book consulate appointment",
  "Confirm the route and the departure day",
  "Second verification conversation",
  "Prepare the cover letter for the humanitarian visa",
  "Check in after arrival",
  "Arrange a safe place to stay for the first week",
  "Ask the lawyer about the criminal case",
];

export const NOTE_TEXTS = [
  "Conversation went well; story consistent.",
  "Waiting for the consulate's answer.",
  "Housing arranged through a partner for two weeks.",
  "Low mood; offered the psychologist volunteer.",
  "Arrived safely; registration pending.",
];
