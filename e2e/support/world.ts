import { createHash, randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { CaseStatus } from "@/lib/db/generated/enums";
import { sessionCookieFor, signedInUser } from "@/lib/testing/e2e-session";
import { createCase, createNextStep, createNote, createSessionFor, createUser } from "@/lib/testing/factories";
import type { Pools, Targets } from "./action-inputs";
import { enrollingUser, PRINCIPALS, type Principal } from "./principals";

/**
 * A small world for the hostile-input specs, made fresh by each test: one signed-in principal of
 * each kind, the CASEWORKER with a case of their own, another caseworker with an open and a closed
 * case (notes, next steps and applications on each), a deactivated caseworker, a pending invitation,
 * a concern raised on the other caseworker's case, a pending access request and an open reading
 * alert about them, and other people's sessions. The pools list every id in it, for forms that name
 * other people's objects.
 */
export interface World {
  principals: Record<Principal, { cookie: string | null; userId: string | null }>;
  /** Aimed at the CASEWORKER principal's own case: a harmless form gets as far as the version check. */
  targets: Targets;
  pools: Pools;
}

/**
 * A case with one planned application, one open next step and one note. (lib/testing/case-calls.ts
 * does the same but imports the data-access layer, which the Playwright process cannot load.)
 */
async function arrangeCaseWithParts(options: { assignedToId: string; createdById: string; status?: CaseStatus }) {
  const status = options.status ?? "NEW";
  const kase = await createCase({
    createdById: options.createdById,
    assignedToId: options.assignedToId,
    status,
    statusBeforeClose: status === "CLOSED" ? "IN_TRANSIT" : null,
    closedAt: status === "CLOSED" ? new Date() : null,
  });
  const applicationId = randomUUID();
  const stepId = randomUUID();
  await db().application.create({
    data: { id: applicationId, caseId: kase.id, type: "ASYLUM", destinationCountry: "DE", status: "PLANNED" },
  });
  await createNextStep({
    id: stepId,
    caseId: kase.id,
    dataKeyWrapped: kase.dataKeyWrapped,
    text: "Find a lawyer",
    ownerId: options.assignedToId,
    createdById: options.createdById,
  });
  const { id: noteId } = await createNote({
    caseId: kase.id,
    dataKeyWrapped: kase.dataKeyWrapped,
    authorId: options.assignedToId,
    body: "First call",
  });
  return { kase, parts: { applicationId, stepId, noteId } };
}

export async function buildWorld(): Promise<World> {
  const [caseworker, coordinator, admin, enrolling, other, deactivated] = await Promise.all([
    signedInUser("CASEWORKER"),
    signedInUser("COORDINATOR"),
    signedInUser("ADMIN"),
    enrollingUser(),
    createUser({ role: "CASEWORKER" }),
    createUser({ role: "CASEWORKER", status: "DEACTIVATED" }),
  ]);
  const [own, others, closed] = await Promise.all([
    arrangeCaseWithParts({ assignedToId: caseworker.id, createdById: caseworker.id }),
    arrangeCaseWithParts({ assignedToId: other.id, createdById: other.id }),
    arrangeCaseWithParts({ assignedToId: other.id, createdById: coordinator.id, status: "CLOSED" }),
  ]);
  const otherSessions = await Promise.all([createSessionFor(other.id), createSessionFor(other.id), createSessionFor(deactivated.id)]);
  const invite = await db().invite.create({
    data: {
      email: `invited-${randomBytes(4).toString("hex")}@test.example`,
      role: "CASEWORKER",
      tokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
      createdById: admin.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
    select: { id: true },
  });
  // Objects of the two-person rules and the reading monitor, for forms that name them: a concern
  // on the other caseworker's case, a pending role change for them, an open reading alert about them.
  const [signOff, accessRequest, alert] = await Promise.all([
    db().verificationSignOff.create({
      data: {
        caseId: others.kase.id,
        authorId: other.id,
        authorRole: "CASEWORKER",
        storyConsistent: "UNSURE",
        serviceStatusPlausible: "YES",
        noCrimesIndication: "YES",
        noProvocationSign: "UNSURE",
        outcome: "CONCERNS",
      },
      select: { id: true },
    }),
    db().accessRequest.create({
      data: {
        kind: "ROLE_CHANGE",
        role: "COORDINATOR",
        subjectId: other.id,
        requestedById: admin.id,
        expiresAt: new Date(Date.now() + 7 * 86_400_000),
      },
      select: { id: true },
    }),
    db().readingAlert.create({ data: { userId: other.id, kind: "CASE_READS", count: 31, suspended: false }, select: { id: true } }),
  ]);
  const ownVersion = (await db().case.findUniqueOrThrow({ where: { id: own.kase.id }, select: { version: true } })).version;
  const users = [caseworker, coordinator, admin, enrolling, other, deactivated];
  const arranged = [own, others, closed];
  return {
    principals: {
      anonymous: { cookie: null, userId: null },
      enrolling: { cookie: enrolling.cookie, userId: enrolling.id },
      CASEWORKER: { cookie: caseworker.cookie, userId: caseworker.id },
      COORDINATOR: { cookie: coordinator.cookie, userId: coordinator.id },
      ADMIN: { cookie: admin.cookie, userId: admin.id },
    },
    targets: {
      caseCode: own.kase.code,
      caseVersion: ownVersion,
      applicationId: own.parts.applicationId,
      stepId: own.parts.stepId,
      noteId: own.parts.noteId,
      caseworkerId: other.id,
      email: other.email,
    },
    pools: {
      otherCaseCodes: [others.kase.code, closed.kase.code],
      ownCaseCodes: [own.kase.code],
      ids: [
        ...users.map((u) => u.id),
        ...arranged.flatMap(({ kase, parts }) => [kase.id, parts.applicationId, parts.stepId, parts.noteId]),
        invite.id,
        signOff.id,
        accessRequest.id,
        alert.id,
      ],
      notAssignable: [coordinator.id, admin.id, deactivated.id],
      otherSessionRefs: otherSessions.map((s) => s.idHash.slice(0, 16)),
      emails: users.map((u) => u.email),
    },
  };
}

/** The same world with a new session for each principal (an earlier test may have ended theirs). */
export async function withFreshSessions(world: World): Promise<World> {
  const principals = { ...world.principals };
  for (const principal of PRINCIPALS) {
    const { userId } = world.principals[principal];
    if (userId === null) continue;
    const { sessionId } = await createSessionFor(userId, { enrolmentOnly: principal === "enrolling" });
    principals[principal] = { userId, cookie: await sessionCookieFor(sessionId) };
  }
  return { ...world, principals };
}
