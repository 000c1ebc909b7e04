import "server-only";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConflictError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { CaseCodeSchema } from "@/lib/validation/atoms";

/**
 * How a page of one case reads it (the case page, its audit trail): a malformed code, a case the
 * viewer may not see and a missing one all answer 404 alike; a read on which the reading monitor
 * suspended the account goes to the sign-in page (its sessions are already ended); while the
 * organisation is frozen, to the list of cases.
 */
export async function readCasePage<T>(
  params: Promise<{ code: string }>,
  read: (code: string) => Promise<T>,
): Promise<{ code: string; data: T }> {
  const code = CaseCodeSchema.safeParse((await params).code);
  if (!code.success) notFound();
  try {
    return { code: code.data, data: await read(code.data) };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof UnauthenticatedError) redirect("/login?ended=suspended");
    // Frozen: case pages are closed; the list stays, and every page's banner says why.
    if (error instanceof ConflictError && error.code === "frozen") redirect("/cases");
    throw error;
  }
}

/** The title of a page of one case: its code only; nothing about the case itself goes into the title. */
export async function casePageMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const code = CaseCodeSchema.safeParse((await params).code);
  const t = await getTranslations("casePage");
  return { title: code.success ? code.data : t("titleFallback") };
}
