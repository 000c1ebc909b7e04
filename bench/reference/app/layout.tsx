import type { Metadata } from "next";
import Link from "next/link";
import { NAV } from "./data";
import { NavLink } from "./nav-link";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Reference", template: "%s · Reference" }, robots: { index: false } };

/** The frame of every page, shaped as the app's shell: skip link, the navigation twice (wide and phone), sign-out, main. */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  const nav = (
    <ul className="nav-list">
      {NAV.map((item) => (
        <li key={item.href}>
          <NavLink href={item.href}>{item.label}</NavLink>
        </li>
      ))}
    </ul>
  );
  const signOut = (
    <form method="post" action="/">
      <button type="submit" className="button-secondary">
        Sign out
      </button>
    </form>
  );
  return (
    <html lang="en">
      <body>
        <a href="#main" className="sr-only">
          Skip to content
        </a>
        <header className="shell-header">
          <Link href="/" className="brand">
            Reference
          </Link>
          <nav aria-label="Main">{nav}</nav>
          <span className="who">coordinator1@load.example · Coordinator</span>
          {signOut}
          <details className="phone-menu">
            <summary>Menu</summary>
            <nav aria-label="Main">{nav}</nav>
            {signOut}
          </details>
        </header>
        <main id="main" className="shell-main">
          {children}
        </main>
      </body>
    </html>
  );
}
