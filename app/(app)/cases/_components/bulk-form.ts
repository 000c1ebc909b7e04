/** The id of the bulk-reassign form, which the list's checkboxes join (form="…") from the table. */
export const BULK_FORM_ID = "bulk-reassign";
