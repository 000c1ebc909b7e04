"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";

export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  // "/cases" stays highlighted on a case page, but not on "/cases/new", which has its own entry.
  const active =
    pathname === href ||
    (href === "/cases" && /^\/cases\/(?!new$)[^/]+$/.test(pathname)) ||
    (href !== "/cases" && href !== "/cases/new" && pathname.startsWith(`${href}/`));
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cx(
        "block rounded-md px-3 py-2 text-sm font-medium",
        active ? "bg-brand-800 text-white" : "text-brand-50 hover:bg-brand-800/70 hover:text-white",
      )}
    >
      {children}
    </Link>
  );
}
