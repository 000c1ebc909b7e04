import { redirect } from "next/navigation";
import { startPathOfRequest } from "@/lib/auth/session";

/**
 * The front door. `/` has no page of its own: it sends each person to their role's home (a
 * caseworker's is /home), to enrolment, or to sign-in. A route handler rather than a page that
 * redirects: a redirect thrown while a page renders makes Next.js render the signed-in layout and
 * then render again to answer the redirect, for a response that shows nothing (ADR 017).
 */
export const dynamic = "force-dynamic";

export async function GET(): Promise<never> {
  redirect(await startPathOfRequest());
}
