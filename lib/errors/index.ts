/**
 * Domain errors. `code` is a stable machine name (also the i18n key of the message shown to users);
 * messages and codes never carry case content: no contact handle, note text or place.
 */

export type FieldErrors = Record<string, string[]>;

export abstract class DomainError extends Error {
  abstract readonly status: 401 | 403 | 404 | 409 | 413 | 422 | 429;
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  constructor(code = "unauthenticated") {
    super(code);
  }
}

/** Role-level refusal ("you may never do this"). Case-level refusals are NotFoundError. */
export class ForbiddenError extends DomainError {
  readonly status = 403;
  constructor(code = "forbidden") {
    super(code);
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(
    readonly resource: string,
    code = "not_found",
  ) {
    super(code, `${resource} not found`);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
}

export class InvalidInputError extends DomainError {
  readonly status = 422;
  constructor(
    code: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(code);
  }
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(
    code = "too_many_requests",
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
  }
}

export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  constructor(code = "payload_too_large") {
    super(code);
  }
}
