import { buttonClass } from "./button";

/**
 * A button that downloads a file a route handler makes from the given fields (an export). A plain
 * POST form, so it works without JavaScript: exports are POST-only because a GET could be planted
 * as a link or an image on another site, and proxy.ts refuses a POST from another origin.
 */
export function DownloadForm({ action, fields, children }: { action: string; fields: Record<string, string>; children: React.ReactNode }) {
  return (
    <form method="post" action={action}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={buttonClass("secondary", "md")}>
        {children}
      </button>
    </form>
  );
}
