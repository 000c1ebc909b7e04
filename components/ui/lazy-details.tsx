"use client";

import { useState } from "react";

/**
 * A closed disclosure whose content is rendered only once it is first opened, then kept (a form
 * half filled in survives closing and opening again). For the "add …" forms of the case page: most
 * views never open them, and rendered closed they were most of its HTML (each country select alone
 * is 250 options), for every reader, at every render after every change.
 */
export function LazyDetails({ summary, className, children }: { summary: string; className?: string; children: React.ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <details className={className} onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{summary}</summary>
      {opened ? children : null}
    </details>
  );
}
