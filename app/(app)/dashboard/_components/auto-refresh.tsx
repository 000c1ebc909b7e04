"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/errors/action-result";

/** The parts of the dashboard that refresh themselves, rendered on the server. */
export interface LiveParts {
  alerts: React.ReactNode;
  figures: React.ReactNode;
}

type Refresh = (state: null, form: FormData) => Promise<ActionResult<LiveParts>>;

/**
 * Shows the dashboard's live parts (alerts above `children`, figures below) and fetches them again
 * from the server every `seconds` while the tab is visible.
 *
 * Idle means idle: a refresh is a server action that the server treats as a background request
 * (requireBackgroundActor), so it never renews the session and an unattended screen still reaches
 * the idle timeout. When the session has ended, the page reloads, which lands on the sign-in page.
 * Form state inside the refreshed parts is kept (the same components in the same places), and a
 * newer render from the server (another filter, a form's revalidation) wins over an older refresh.
 */
export function AutoRefresh({
  seconds,
  refresh,
  filter,
  alerts,
  figures,
  children,
}: LiveParts & { seconds: number; refresh: Refresh; filter: Record<string, string>; children: React.ReactNode }) {
  const [refreshed, setRefreshed] = useState<{ from: LiveParts; parts: LiveParts } | null>(null);
  const server = useRef<LiveParts>({ alerts, figures });
  const filterRef = useRef(filter);
  useEffect(() => {
    server.current = { alerts, figures };
    filterRef.current = filter;
  });

  useEffect(() => {
    let busy = false;
    const timer = window.setInterval(() => {
      if (busy || document.visibilityState !== "visible") return;
      busy = true;
      const from = server.current;
      const form = new FormData();
      for (const [name, value] of Object.entries(filterRef.current)) form.append(name, value);
      refresh(null, form)
        .then((result) => {
          if (result.ok && result.data) setRefreshed({ from, parts: result.data });
          else if (!result.ok && result.status === 401) window.location.reload();
        })
        // Offline, or the server restarting: the next tick tries again.
        .catch(() => undefined)
        .finally(() => {
          busy = false;
        });
    }, seconds * 1000);
    return () => window.clearInterval(timer);
  }, [refresh, seconds]);

  const current =
    refreshed && refreshed.from.alerts === alerts && refreshed.from.figures === figures ? refreshed.parts : { alerts, figures };
  return (
    <>
      {current.alerts}
      {children}
      {current.figures}
    </>
  );
}
