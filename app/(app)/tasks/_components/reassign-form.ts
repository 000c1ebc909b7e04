/** The id of the team board's reassignment form, which the task rows' checkboxes belong to (they are not inside it). */
export const REASSIGN_FORM_ID = "reassign-tasks";
