import Link from "next/link";
import { buttonClass } from "./button";
import { cx } from "./cx";

/** The URL of `path` with these query parameters; empty ones are left out, so a default view keeps a clean URL. */
export function hrefWith(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

interface PageLink {
  href: string;
  label: string;
}

/** Links to the pages before and after this one (none: there is no such page), and where this page stands. */
export function Pagination({
  label,
  previous,
  next,
  status,
  className,
}: {
  label: string;
  previous?: PageLink | null;
  next?: PageLink | null;
  status?: React.ReactNode;
  className?: string;
}) {
  return (
    <nav aria-label={label} className={cx("flex flex-wrap items-center justify-between gap-2", className)}>
      {previous ? (
        <Link href={previous.href} className={buttonClass("secondary", "sm")}>
          {previous.label}
        </Link>
      ) : (
        <span />
      )}
      {status ? <span className="text-sm text-slate-600">{status}</span> : null}
      {next ? (
        <Link href={next.href} className={buttonClass("secondary", "sm")}>
          {next.label}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
