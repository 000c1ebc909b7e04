"use client";

import { TextField } from "@/components/ui/form-fields";

/**
 * A new password and its confirmation (account, invitation, recovery): at least 12 characters,
 * marked as a new password for password managers. Never filled in again after a refusal.
 */
export function NewPasswordFields({
  name,
  label,
  hint,
  confirmLabel,
}: {
  name: string;
  label: string;
  hint: string;
  confirmLabel: string;
}) {
  return (
    <>
      <TextField name={name} type="password" autoComplete="new-password" label={label} hint={hint} required minLength={12} />
      <TextField name="confirmPassword" type="password" autoComplete="new-password" label={confirmLabel} required />
    </>
  );
}
