"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** As the app's navigation link: a client component that marks the current page. */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const active = usePathname() === href;
  return (
    <Link href={href} aria-current={active ? "page" : undefined} className={active ? "nav-link nav-active" : "nav-link"}>
      {children}
    </Link>
  );
}
