import Link from "next/link";
import { useTranslations } from "next-intl";
import { deleteSavedFilterAction, saveCaseFilterAction } from "@/app/(app)/cases/actions";
import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { SavedFilterDTO } from "@/lib/cases/saved-filters";

/**
 * The user's saved views of the list (links to the list with their filters), each with its delete
 * button, and a form that saves the filters now applied under a name.
 */
export function SavedViews({ views, query, canSave }: { views: SavedFilterDTO[]; query: string; canSave: boolean }) {
  const t = useTranslations("cases");
  return (
    <section aria-labelledby="saved-views-heading" className="mb-4 space-y-2">
      <h2 id="saved-views-heading" className="text-sm font-semibold text-slate-900">
        {t("savedViews")}
      </h2>
      {views.length === 0 ? <p className="text-sm text-slate-600">{t("noSavedViews")}</p> : null}
      <ul className="flex flex-wrap gap-2">
        {views.map((v) => (
          <li
            key={v.id}
            className="flex items-center gap-1 rounded-full border border-slate-300 bg-white py-0.5 pr-1 pl-3 text-sm"
            data-testid="saved-view"
          >
            <Link href={v.href} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              {v.name}
            </Link>
            <ActionForm action={deleteSavedFilterAction} aria-label={t("deleteView", { name: v.name })}>
              <input type="hidden" name="id" value={v.id} />
              <SubmitButton variant="ghost" size="sm">
                <span aria-hidden="true">×</span>
                <span className="sr-only">{t("deleteView", { name: v.name })}</span>
              </SubmitButton>
            </ActionForm>
          </li>
        ))}
      </ul>
      {canSave ? (
        <ActionForm action={saveCaseFilterAction} className="space-y-1" aria-label={t("saveView")} successMessage={t("viewSaved")}>
          <input type="hidden" name="query" value={query} />
          <div className="flex flex-wrap items-end gap-2">
            <div className="w-full sm:w-80">
              <TextField name="name" label={t("viewName")} required maxLength={60} />
            </div>
            <SubmitButton variant="secondary" pendingLabel={t("saving")}>
              {t("saveView")}
            </SubmitButton>
          </div>
          <p className="text-xs text-slate-600">{t("viewNameHint")}</p>
        </ActionForm>
      ) : null}
    </section>
  );
}
