import Link from "next/link";
import { buttonClass } from "./button";
import { cx } from "./cx";
import { controlClass } from "./field";

/**
 * A GET filter form (case list, dashboard, audit log): the choices travel in the URL, so a view
 * can be bookmarked and filtering works without JavaScript. "Clear" is a link to the bare page.
 */
export function FilterForm({
  label,
  action,
  clearHref,
  applyLabel,
  clearLabel,
  className,
  buttonsClassName,
  children,
}: {
  label: string;
  action?: string;
  clearHref: string;
  applyLabel: string;
  clearLabel: string;
  /** The grid's columns, which differ with the number of filters. */
  className?: string;
  buttonsClassName?: string;
  children: React.ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className={cx("grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2", className)}
    >
      {children}
      <div className={cx("flex flex-wrap gap-2", buttonsClassName)}>
        <button type="submit" className={buttonClass("primary", "md", "flex-1")}>
          {applyLabel}
        </button>
        <Link href={clearHref} className={buttonClass("ghost", "md")}>
          {clearLabel}
        </Link>
      </div>
    </form>
  );
}

const labelClass = "text-sm font-medium text-slate-800";

/** A labelled input of a FilterForm. */
export function FilterInput({
  label,
  className,
  inputClassName,
  ...input
}: { label: string; name: string; className?: string; inputClassName?: string } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  "className"
>) {
  return (
    <label className={cx(labelClass, className)}>
      {label}
      <input {...input} className={controlClass(cx("mt-1", inputClassName))} />
    </label>
  );
}

interface FilterOption {
  value: string;
  label: string;
}

/** A labelled select of a FilterForm. */
export function FilterSelect({
  label,
  name,
  value,
  options,
  any,
  className,
}: {
  label: string;
  name: string;
  value: string | undefined;
  options: FilterOption[];
  /** The label of a first choice that filters nothing ("Any"). */
  any?: string;
  className?: string;
}) {
  return (
    <label className={cx(labelClass, className)}>
      {label}
      <select name={name} defaultValue={value ?? ""} className={controlClass("mt-1")}>
        {any !== undefined ? <option value="">{any}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
