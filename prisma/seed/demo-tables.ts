import type { CaseStatus } from "@/lib/db/generated/enums";

/** The demo seed's data tables: places, texts and how many cases stand at each stage. */

export const PLACES: Record<string, readonly string[]> = {
  RU: ["Moscow", "St Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan", "Rostov-on-Don", "Samara", "Krasnodar"],
  BY: ["Minsk", "Brest", "Gomel"],
  KZ: ["Almaty", "Astana", "Uralsk"],
  AM: ["Yerevan", "Gyumri"],
  KG: ["Bishkek", "Osh"],
  GE: ["Tbilisi", "Batumi"],
  TR: ["Istanbul", "Antalya"],
  RS: ["Belgrade", "Novi Sad"],
  FR: ["Paris", "Lyon", "Strasbourg"],
  DE: ["Berlin", "Hamburg", "Munich"],
};

export const CONSULATE_CITIES: Record<string, readonly string[]> = {
  KZ: ["Almaty", "Astana"],
  AM: ["Yerevan"],
  KG: ["Bishkek"],
  GE: ["Tbilisi"],
  TR: ["Istanbul", "Ankara"],
  RS: ["Belgrade"],
};

export const THIRD_COUNTRIES = ["KZ", "AM", "KG", "GE", "TR", "RS"] as const;

export const NEXT_STEP_TEXTS = [
  "Book consulate appointment",
  "Check whether the foreign passport can be renewed remotely",
  "Arrange a safe place to stay for the first week",
  "Prepare the cover letter for the humanitarian visa",
  "Confirm the route and the departure day",
  "Second verification conversation",
  "Send the list of documents needed for the asylum claim",
  "Check in after arrival",
  "Ask the lawyer about the status of the criminal case",
  "Find out whether the person is on the wanted list",
  "Collect proof of service status (no scans here, only whether it exists)",
  "Plan the onward flight after the visa decision",
];

export const NOTE_TEXTS = [
  "First conversation went well. The person is calm and answered every question consistently.",
  "Story consistent with the first conversation. Prefers to travel alone and wait for the papers abroad.",
  "Worried about border checks. Went through what to expect at the crossing and what not to carry.",
  "Housing for the first two weeks is arranged through a partner organisation.",
  "Consulate asked for an additional supporting letter; drafting it with the legal team.",
  "Received the decision. Next: plan the onward travel and arrival support.",
  "Low mood this week; offered contact with the psychologist volunteer.",
  "Budget for the ticket approved by the coordinator.",
  "Asked to be contacted only in the evenings (local time).",
  "Arrived safely. Registration appointment for the asylum claim is pending.",
];

/** How many demo cases stand at each stage (60 in all). */
export const STAGE_PLAN: ReadonlyArray<readonly [CaseStatus, number]> = [
  ["NEW", 6],
  ["VERIFYING", 6],
  ["PLANNING_EXIT", 7],
  ["IN_TRANSIT", 5],
  ["IN_THIRD_COUNTRY", 12],
  ["APPLYING", 10],
  ["RELOCATED", 8],
  ["CLOSED", 6],
];
