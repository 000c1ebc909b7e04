import "server-only";
import type { AuditMeta } from "@/lib/audit/chain";
import { decryptWithDataKey, encryptWithDataKey, unwrapDataKey, type DataKey } from "@/lib/crypto/envelope";
import { DecryptionError, UnknownKeyError, type FieldContext } from "@/lib/crypto/fields";

/**
 * Sealing a case's free text and exact dates under its data key, and opening them again. Every such
 * value goes through here, so the rule "nothing typed and no exact day in clear" has one home. The
 * key is unwrapped at most once per case and use (`CaseKey`), only when something needs it.
 */

export class CaseKey {
  #key: DataKey | null = null;

  constructor(private readonly kase: { id: string; dataKeyWrapped: string }) {}

  get caseId(): string {
    return this.kase.id;
  }

  private key(): DataKey {
    this.#key ??= unwrapDataKey(this.kase.dataKeyWrapped, this.kase.id);
    return this.#key;
  }

  seal(context: FieldContext, value: string): string;
  seal(context: FieldContext, value: string | null | undefined): string | null;
  seal(context: FieldContext, value: string | null | undefined): string | null {
    return value === null || value === undefined ? null : encryptWithDataKey(value, this.key(), context);
  }

  open(context: FieldContext, value: string): string;
  open(context: FieldContext, value: string | null): string | null;
  open(context: FieldContext, value: string | null): string | null {
    return value === null ? null : decryptWithDataKey(value, this.key(), context);
  }

  /** A calendar day, sealed as `YYYY-MM-DD`. */
  sealDay(context: FieldContext, day: Date | null | undefined): string | null {
    return day ? this.seal(context, day.toISOString().slice(0, 10)) : null;
  }

  openDay(context: FieldContext, value: string | null): Date | null {
    const text = this.open(context, value);
    return text === null ? null : new Date(`${text}T00:00:00.000Z`);
  }

  /** A month, sealed as `YYYY-MM`. */
  sealMonth(context: FieldContext, month: string | null | undefined): string | null {
    return month ? this.seal(context, month) : null;
  }

  /** An instant (an appointment's minute), sealed as an ISO timestamp. */
  sealMoment(context: FieldContext, at: Date | null | undefined): string | null {
    return at ? this.seal(context, at.toISOString()) : null;
  }

  openMoment(context: FieldContext, value: string | null): Date | null {
    const text = this.open(context, value);
    return text === null ? null : new Date(text);
  }

  /** A small JSON object (a timeline event's facts). */
  sealJson(context: FieldContext, value: AuditMeta): string | null {
    return Object.keys(value).length ? this.seal(context, JSON.stringify(value)) : null;
  }

  openJson(context: FieldContext, value: string | null): Record<string, string | number | boolean | null> {
    const text = this.open(context, value);
    if (text === null) return {};
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, string | number | boolean | null>)
      : {};
  }
}

/**
 * Reads rows and opens their sealed values. A re-key (lib/crypto/rekey.ts) committed between the
 * queries of one read pairs an old key with new values; reading again gets one or the other.
 */
export async function readAndOpen<R, T>(read: () => Promise<R>, open: (rows: R) => T): Promise<{ rows: R; opened: T }> {
  let rows = await read();
  try {
    return { rows, opened: open(rows) };
  } catch (error) {
    if (!(error instanceof DecryptionError || error instanceof UnknownKeyError)) throw error;
    rows = await read();
    return { rows, opened: open(rows) };
  }
}
