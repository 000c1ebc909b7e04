"use client";

import { buttonClass } from "@/components/ui/button";

/** The template made in the browser from its text: no request, nothing to audit, nothing to refuse. */
export function TemplateDownload({ template, label }: { template: string; label: string }) {
  function download() {
    const url = URL.createObjectURL(new Blob([template], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "waypoint-cases-template.csv";
    link.click();
    URL.revokeObjectURL(url);
  }
  return (
    <button type="button" onClick={download} className={buttonClass("secondary", "sm")}>
      {label}
    </button>
  );
}
