"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";

export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || (href !== "/cases/new" && href !== "/cases" && pathname.startsWith(`${href}/`)) || (href === "/cases" && /^\/cases\/(?!new$)[^/]+$/.test(pathname));
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
