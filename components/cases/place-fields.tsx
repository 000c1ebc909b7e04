"use client";

import { useState } from "react";
import { useFieldError, useFieldValue, useFormResult } from "@/components/ui/action-form";
import type { CountryOption } from "@/lib/i18n/countries";
import { PlaceControls, type Initial, type Names } from "./place-controls";

/**
 * A place inside an ActionForm: a country, then one of its cities (GET /api/places/<country>), or
 * "other" text. Only big cities are listed, and a city is stored in clear by its key; anything else
 * is typed and stored encrypted. No city and no text: the place is not recorded. Renders its fields
 * side by side (a fragment), so they take their places in the form's grid. `alsoCitiesOf` adds the
 * cities of a second country (a consulate of the destination sits where the person waits).
 */

export function PlaceFields({
  countryName,
  cityName,
  otherName,
  labels,
  countryRequired,
  countries,
  alsoCitiesOf,
  defaults,
  errors,
}: {
  countryName: string;
  cityName: string;
  otherName: string;
  labels: Names;
  countryRequired?: boolean;
  countries: CountryOption[];
  /** A second country whose cities are offered too, in their own group. */
  alsoCitiesOf?: string;
  /** What to show before the first submission (a refused submission shows what was sent). */
  defaults?: Partial<Names>;
  /** Errors to show besides those of the enclosing ActionForm. */
  errors?: Partial<Names>;
}) {
  const result = useFormResult();
  // Other text sent empty still means "other" was chosen (the city select sends nothing then).
  const other = useFieldValue(otherName, defaults?.other);
  const initial: Initial = {
    country: useFieldValue(countryName, defaults?.country) ?? "",
    city: useFieldValue(cityName, defaults?.city) ?? "",
    other: other ?? "",
    otherChosen: other !== undefined,
  };
  // Each outcome of the form starts the fields afresh from `initial`: what was sent when refused,
  // the defaults after a success (React also resets the form's own fields then).
  const [outcome, setOutcome] = useState({ result, count: 0 });
  if (outcome.result !== result) setOutcome({ result, count: outcome.count + 1 });
  const fieldErrors: Partial<Names> = {
    country: useFieldError(countryName) ?? errors?.country,
    city: useFieldError(cityName) ?? errors?.city,
    other: useFieldError(otherName) ?? errors?.other,
  };
  return (
    <PlaceControls
      key={outcome.count}
      names={{ country: countryName, city: cityName, other: otherName }}
      labels={labels}
      countryRequired={countryRequired}
      countries={countries}
      alsoCitiesOf={alsoCitiesOf}
      initial={initial}
      errors={fieldErrors}
    />
  );
}
