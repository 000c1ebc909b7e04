import { cx } from "./cx";
import { controlClass } from "./field";

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * A labelled <select> of a GET filter form (case list, dashboard): the choice travels in the URL,
 * so a view can be bookmarked and filtering works without JavaScript.
 */
export function FilterSelect({
  label,
  name,
  value,
  options,
  className,
}: {
  label: string;
  name: string;
  value: string | undefined;
  options: FilterOption[];
  className?: string;
}) {
  return (
    <label className={cx("text-sm font-medium text-slate-800", className)}>
      {label}
      <select name={name} defaultValue={value ?? ""} className={controlClass("mt-1")}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
