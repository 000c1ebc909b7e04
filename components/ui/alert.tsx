import { cx } from "./cx";

type AlertTone = "info" | "success" | "warning" | "danger";

const tones: Record<AlertTone, string> = {
  info: "border-sky-300 bg-sky-50 text-sky-950",
  success: "border-emerald-300 bg-emerald-50 text-emerald-950",
  warning: "border-amber-400 bg-amber-50 text-amber-950",
  danger: "border-red-400 bg-red-50 text-red-950",
};

/** A message box. Errors and warnings use role="alert" so they are announced when they appear. */
export function Alert({
  tone = "info",
  title,
  children,
  className,
  id,
}: {
  tone?: AlertTone;
  title?: React.ReactNode;
  children?: React.ReactNode;
  className?: string;
  id?: string;
}) {
  const urgent = tone === "danger" || tone === "warning";
  return (
    <div id={id} role={urgent ? "alert" : "status"} className={cx("rounded-md border px-4 py-3 text-sm", tones[tone], className)}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
    </div>
  );
}
