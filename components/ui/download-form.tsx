import { buttonClass } from "./button";

/**
 * A button that downloads a file a route handler makes from the given fields (an export). A plain
 * POST form, so it works without JavaScript: exports are POST-only because a GET could be planted
 * as a link or an image on another site, and proxy.ts refuses a POST from another origin. Empty
 * fields are left out, as a GET form's filters would be.
 */
export function DownloadForm({
  action,
  fields,
  children,
}: {
  action: string;
  fields: Record<string, string | undefined>;
  children: React.ReactNode;
}) {
  return (
    <form method="post" action={action}>
      {Object.entries(fields).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <button type="submit" className={buttonClass("secondary", "md")}>
        {children}
      </button>
    </form>
  );
}
