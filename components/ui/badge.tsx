import { cx } from "./cx";

export type Tone = "neutral" | "info" | "success" | "warning" | "danger" | "critical";

/** A badge's text and tone, as plain data: what a list hands its client-side rows. */
export interface Label {
  text: string;
  tone: Tone;
}

/** A small label; its look is defined once in app/globals.css (`.badge`, `.badge-<tone>`), as lists repeat it on every row. */
export function Badge({
  tone = "neutral",
  children,
  className,
  title,
}: {
  tone?: Tone;
  children: React.ReactNode;
  className?: string;
  title?: string;
}) {
  return (
    <span title={title} className={cx("badge", `badge-${tone}`, className)}>
      {children}
    </span>
  );
}
