"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { endIdleSessionAction, keepSessionAliveAction, signOutAction } from "@/app/(app)/actions";
import { buttonClass } from "@/components/ui/button";

/** How long before the idle timeout the warning appears. */
const WARN_BEFORE_MS = 3 * 60_000;
/** The server records activity at most once a minute, so its idle clock may have started that much earlier. */
const SERVER_SLACK_MS = 60_000;
/** The time of the last activity in any tab (a timestamp, nothing else): work in one tab keeps the others open. */
const SHARED_KEY = "waypoint.lastActivity";

function sharedActivity(): number {
  try {
    return Number(window.localStorage.getItem(SHARED_KEY)) || 0;
  } catch {
    return 0;
  }
}

function shareActivity(at: number) {
  try {
    window.localStorage.setItem(SHARED_KEY, String(at));
  } catch {
    // Storage refused (private mode): each tab keeps its own clock.
  }
}

/**
 * Warns before the idle timeout ends the session (someone may be typing a long note) and offers to
 * stay. When the time is up, the page goes to the sign-in page instead of showing stale case data
 * on an unattended screen. Activity is what the server sees: page loads, navigation and form
 * submissions, in any tab of this browser.
 */
export function SessionTimeout({ idleMinutes }: { idleMinutes: number }) {
  const t = useTranslations("sessionTimeout");
  const format = useFormatter();
  const pathname = usePathname();
  const lastActivity = useRef(0);
  const [remaining, setRemaining] = useState<number | null>(null);
  const [staying, setStaying] = useState(false);
  const stayRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  // (Very short test timeouts keep at least half of their length.)
  const idleMs = Math.max(idleMinutes * 60_000 - SERVER_SLACK_MS, idleMinutes * 30_000);

  const ending = useRef(false);

  // Every navigation and every form submission reaches the server and renews the session.
  useEffect(() => {
    lastActivity.current = Date.now();
    shareActivity(lastActivity.current);
    // The next tick (within a second) takes the warning away.
  }, [pathname]);
  useEffect(() => {
    const renewed = () => {
      lastActivity.current = Date.now();
      shareActivity(lastActivity.current);
    };
    document.addEventListener("submit", renewed, true);
    return () => document.removeEventListener("submit", renewed, true);
  }, []);

  useEffect(() => {
    const tick = () => {
      const left = Math.max(lastActivity.current, sharedActivity()) + idleMs - Date.now();
      if (left <= 0) {
        // Ends the session on the server too (it may have a minute left): the screen left
        // behind must not come back to case data when someone reloads it.
        if (!ending.current) {
          ending.current = true;
          void endIdleSessionAction();
        }
        return;
      }
      setRemaining(left <= WARN_BEFORE_MS ? left : null);
    };
    const timer = window.setInterval(tick, 1_000);
    return () => window.clearInterval(timer);
  }, [idleMs]);

  const warning = remaining !== null;
  useEffect(() => {
    if (!warning) return;
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    stayRef.current?.focus();
  }, [warning]);

  if (!warning) return null;
  const seconds = Math.ceil(remaining / 1000);
  const time =
    seconds >= 60
      ? format.number(Math.ceil(seconds / 60), { style: "unit", unit: "minute", unitDisplay: "long" })
      : format.number(seconds, { style: "unit", unit: "second", unitDisplay: "long" });

  async function stay() {
    setStaying(true);
    const result = await keepSessionAliveAction();
    setStaying(false);
    if (!result.ok) {
      // The session had already ended on the server.
      await endIdleSessionAction();
      return;
    }
    lastActivity.current = Date.now();
    shareActivity(lastActivity.current);
    setRemaining(null);
    returnFocus.current?.focus();
  }

  return (
    <div
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="session-timeout-title"
      aria-describedby="session-timeout-body"
      className="fixed inset-x-0 bottom-0 z-50 p-3 sm:bottom-4 sm:left-auto sm:right-4 sm:max-w-md"
    >
      <div className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-xl">
        <h2 id="session-timeout-title" className="text-base font-semibold text-amber-950">
          {t("title")}
        </h2>
        <p id="session-timeout-body" className="text-sm text-amber-950">
          {t("body", { time })}
        </p>
        <div className="flex flex-wrap gap-2">
          <button ref={stayRef} type="button" className={buttonClass("primary", "md")} onClick={stay} disabled={staying}>
            {t("stay")}
          </button>
          <form action={signOutAction}>
            <button type="submit" className={buttonClass("secondary", "md")}>
              {t("signOut")}
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}
