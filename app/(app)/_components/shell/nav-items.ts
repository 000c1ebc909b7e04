import type { Permission } from "@/lib/access/policy";

/** Navigation, by the permission each destination needs. The role decides nothing here directly. */
export const NAV_ITEMS: ReadonlyArray<{ href: string; label: string; permission: Permission }> = [
  { href: "/home", label: "home", permission: "home:caseworker" },
  { href: "/dashboard", label: "dashboard", permission: "dashboard:view" },
  { href: "/tasks", label: "tasks", permission: "task:list" },
  { href: "/budget", label: "budget", permission: "budget:manage" },
  { href: "/applications/checklists", label: "checklists", permission: "checklist:manage" },
  { href: "/cases", label: "cases", permission: "case:list" },
  { href: "/cases/new", label: "newCase", permission: "case:create" },
  { href: "/admin/users", label: "users", permission: "user:manage" },
  { href: "/admin/approvals", label: "approvals", permission: "access:view" },
  { href: "/emergency", label: "emergency", permission: "org:freeze" },
  { href: "/admin/audit", label: "audit", permission: "audit:read" },
  { href: "/admin/countries", label: "countries", permission: "country:manage" },
  { href: "/admin/lawyers", label: "lawyers", permission: "lawyer:manage" },
  { href: "/admin/settings", label: "settings", permission: "org:settings" },
  { href: "/account", label: "account", permission: "account:self" },
];
