"use client";

import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/form-fields";

/** The activation code the approving coordinator gave the person: never sent with the link. */
export function ActivationCodeField() {
  const t = useTranslations("activation");
  return (
    <TextField
      name="activationCode"
      label={t("code")}
      hint={t("codeHint")}
      required
      autoComplete="off"
      autoCapitalize="characters"
      spellCheck={false}
      maxLength={20}
    />
  );
}
