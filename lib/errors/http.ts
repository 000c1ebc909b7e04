import "server-only";
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { logger } from "@/lib/log";
import type { ActionResult } from "./action-result";
import { DomainError, InvalidInputError, NotFoundError, TooManyRequestsError, type FieldErrors } from "./index";

export type { ActionResult, ActionState } from "./action-result";

/**
 * The one mapping from errors to HTTP answers and to server-action results. Anything that is not a
 * domain error or a ZodError is an internal failure: logged with a request id, answered with a
 * generic body that reveals nothing (no stack, no message).
 */

export interface ErrorBody {
  error: string;
  fieldErrors?: FieldErrors;
  requestId?: string;
  /** For a 429: when to try again. */
  retryAfterSeconds?: number;
}

export interface Mapped {
  status: number;
  body: ErrorBody;
}

export function zodFieldErrors(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    // Zod's messages never echo the rejected value; keep only the first per field.
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function mapError(error: unknown, requestId: string = randomUUID()): Mapped {
  if (error instanceof ZodError) {
    return { status: 422, body: { error: "invalid_input", fieldErrors: zodFieldErrors(error) } };
  }
  if (error instanceof InvalidInputError) {
    return { status: 422, body: { error: error.code, fieldErrors: error.fieldErrors } };
  }
  if (error instanceof NotFoundError) {
    // Identical for "does not exist" and "not yours": no resource name, no hint.
    return { status: 404, body: { error: "not_found" } };
  }
  if (error instanceof TooManyRequestsError && error.retryAfterSeconds !== undefined) {
    return { status: 429, body: { error: error.code, retryAfterSeconds: error.retryAfterSeconds } };
  }
  if (error instanceof DomainError) {
    return { status: error.status, body: { error: error.code } };
  }
  // The error's name and message say which code failed, never with case content (see lib/errors).
  logger().error({ err: error, requestId }, "unhandled error");
  return { status: 500, body: { error: "internal_error", requestId } };
}

export function errorResponse(error: unknown, request?: Request): Response {
  const { status, body } = mapError(error, request?.headers.get("x-request-id") ?? undefined);
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export function toActionResult(error: unknown, requestId?: string): ActionResult<never> & { ok: false } {
  const { status, body } = mapError(error, requestId);
  return { ok: false, status, ...body };
}
