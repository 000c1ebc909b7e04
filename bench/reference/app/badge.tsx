/** As the app's badges: a small server component per badge. */
export function Badge({ tone = "neutral", children }: { tone?: "neutral" | "warning"; children: React.ReactNode }) {
  return <span className={tone === "warning" ? "badge badge-warning" : "badge"}>{children}</span>;
}
