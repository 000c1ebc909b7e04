"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import type { FormAction } from "@/lib/errors/action-result";

/** A legal form whose success says when the legal risk rules raised the case's risk. */
export function RuledForm({
  action,
  children,
  className,
  "aria-label": ariaLabel,
}: {
  action: FormAction<{ riskRaised: boolean }>;
  children: React.ReactNode;
  className?: string;
  "aria-label"?: string;
}) {
  const t = useTranslations("casePage");
  const [raised, setRaised] = useState(false);
  return (
    <ActionForm
      action={action}
      onSuccess={(r) => setRaised(Boolean(r.data?.riskRaised))}
      successMessage={raised ? t("riskRaised") : t("saved")}
      className={className}
      aria-label={ariaLabel}
    >
      {children}
    </ActionForm>
  );
}
