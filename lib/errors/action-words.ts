import "server-only";
import { getTranslations } from "next-intl/server";
import type { ActionResult, RefusalWords } from "./action-result";
import { fieldErrorText } from "./refusal-words";

/**
 * Words a refused action's result in the reader's language. The form shows them as they are: the
 * catalog of error messages (13 KB in English, 20 KB in Russian) then stays on the server instead of
 * going to the browser inside every page that has a form.
 */
export async function withRefusalWords<T>(result: ActionResult<T> & { ok: false }): Promise<ActionResult<T> & { ok: false }> {
  const [t, tFields, tKinds] = await Promise.all([
    getTranslations("errors"),
    getTranslations("fieldErrors"),
    getTranslations("identifierKinds"),
  ]);
  const words: RefusalWords = { message: t.has(result.error) ? t(result.error) : t("internal_error") };
  if (result.requestId) words.reference = t("reference", { reference: result.requestId });
  const fields = Object.entries(result.fieldErrors ?? {}).flatMap(([name, codes]) => {
    const code = codes?.[0];
    return code ? [[name, fieldErrorText(code, tFields, tKinds)] as const] : [];
  });
  if (fields.length) words.fields = Object.fromEntries(fields);
  return { ...result, words };
}
