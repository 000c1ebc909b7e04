import type { useTranslations } from "next-intl";

/**
 * The words of a field's refusal code, shared by the server (an action's result carries them,
 * lib/errors/action-words.ts) and the case import's table of refused rows. "identifier:phone,email"
 * from the screening names the kinds of identifier to remove.
 */

type FieldErrorMessages = ReturnType<typeof useTranslations<"fieldErrors">>;
type IdentifierKindMessages = ReturnType<typeof useTranslations<"identifierKinds">>;

export function fieldErrorText(code: string, t: FieldErrorMessages, tKinds: IdentifierKindMessages): string {
  if (code.startsWith("identifier:")) {
    const kinds = code
      .slice("identifier:".length)
      .split(",")
      .filter((kind) => tKinds.has(kind));
    return t("identifier", { kinds: kinds.map((kind) => tKinds(kind)).join(", ") });
  }
  return t.has(code) ? t(code) : t("invalid");
}
