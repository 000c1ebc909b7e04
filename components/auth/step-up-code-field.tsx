"use client";

import { TextField } from "@/components/ui/form-fields";

/**
 * The step-up field (lib/auth/step-up.ts): a fresh code from the authenticator app, or a recovery
 * code. Not numeric-only, since recovery codes have letters; never filled in again after a refusal
 * (the action names it a secret).
 */
export function StepUpCodeField({ label, hint }: { label: string; hint?: string }) {
  return (
    <TextField
      name="code"
      autoComplete="one-time-code"
      spellCheck={false}
      autoCapitalize="characters"
      maxLength={64}
      label={label}
      hint={hint}
      required
    />
  );
}
