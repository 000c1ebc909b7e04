/**
 * What the case page's sections share. Every form posts the case code and the version the user saw;
 * the server refuses a stale version with 409 and the form keeps what was typed.
 */

export interface CaseRef {
  code: string;
  version: number;
}

/** A member of staff offered in a select (assignee, step owner). */
export interface StaffChoice {
  id: string;
  email: string;
}

export function RefInputs({ code, version }: CaseRef) {
  return (
    <>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}
