import "server-only";
import { InvalidInputError } from "@/lib/errors";

/**
 * The fields of a form POSTed to a route handler (an export's filters), as strings: a repeated
 * name keeps its first value, files are dropped. No body at all is no fields; a body that is not a
 * form (JSON, text, a broken multipart) is invalid input (422), never a 500.
 */
export async function postedFields(request: Request): Promise<Record<string, string>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(type)) {
    if ((await request.text().catch(() => "x")) === "") return {};
    throw new InvalidInputError("invalid_input");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new InvalidInputError("invalid_input");
  }
  const fields = new Map<string, string>();
  for (const [name, value] of form.entries()) if (typeof value === "string" && !fields.has(name)) fields.set(name, value);
  // fromEntries defines own properties: a field named __proto__ stays a plain field.
  return Object.fromEntries(fields);
}
