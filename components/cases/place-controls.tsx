"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { controlClass, Field } from "@/components/ui/field";
import type { CountryOption } from "@/lib/i18n/countries";
import { useCities } from "./use-cities";

/**
 * The controls of PlaceFields (place-fields.tsx, which ties them to the enclosing ActionForm): the
 * country, its cities once loaded, and the "other" text when no listed city fits.
 */

export type Names = { country: string; city: string; other: string };
export type Initial = Names & { otherChosen: boolean };

const OTHER = "other";

export function PlaceControls({
  names,
  labels,
  countryRequired,
  countries,
  alsoCitiesOf,
  initial,
  errors,
}: {
  names: Names;
  labels: Names;
  countryRequired?: boolean;
  countries: CountryOption[];
  alsoCitiesOf?: string;
  initial: Initial;
  errors: Partial<Names>;
}) {
  const t = useTranslations("places");
  const id = useId();
  // Uncontrolled controls that report their value: React resets a form after each submission, and
  // a reset puts every control back to its default, which a controlled <select> does not have.
  const [country, setCountry] = useState(initial.country);
  const [choice, setChoice] = useState(initial.city || (initial.otherChosen ? OTHER : ""));
  const [other, setOther] = useState(initial.other);
  const cities = useCities(country);
  const second = alsoCitiesOf && alsoCitiesOf !== country ? alsoCitiesOf : "";
  const secondCities = useCities(second);
  const ready = Boolean(country) && cities !== null && (!second || secondCities !== null);
  const listed = Array.isArray(cities) ? cities : [];
  const alsoListed = Array.isArray(secondCities) ? secondCities : [];
  const nameOf = (code: string) => countries.find((c) => c.code === code)?.name ?? code;
  const loading = Boolean(country) && !ready;
  const status = loading ? t("loading") : cities === "failed" ? t("loadFailed") : "";
  return (
    <>
      <Field id={`${id}-country`} label={labels.country} required={countryRequired} error={errors.country}>
        {(describedBy, invalid) => (
          <select
            id={`${id}-country`}
            name={names.country}
            defaultValue={initial.country}
            onChange={(event) => {
              setCountry(event.target.value);
              // A city of the old country is no city of the new one; typed text is kept.
              if (choice !== OTHER) setChoice("");
            }}
            required={countryRequired}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            className={controlClass()}
          >
            <option value="">{t("choose")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-city`} label={labels.city} hint={cities === "failed" ? t("loadFailed") : t("cityHint")} error={errors.city}>
        {(describedBy, invalid) => (
          <>
            {ready ? (
              // Mounted once its options are there, so that its default is one of them.
              <select
                key={country}
                id={`${id}-city`}
                // "Other" sends no city: the typed text is sent instead, under its own name.
                name={choice === OTHER ? undefined : names.city}
                defaultValue={choice}
                onChange={(event) => setChoice(event.target.value)}
                aria-invalid={invalid || undefined}
                aria-describedby={describedBy}
                className={controlClass()}
              >
                <option value="">{t("notRecorded")}</option>
                {alsoListed.length ? (
                  <>
                    <optgroup label={nameOf(country)}>
                      <CityOptions cities={listed} />
                    </optgroup>
                    <optgroup label={nameOf(second)}>
                      <CityOptions cities={alsoListed} />
                    </optgroup>
                  </>
                ) : (
                  <CityOptions cities={listed} />
                )}
                <option value={OTHER}>{t("otherPlace")}</option>
              </select>
            ) : (
              <select id={`${id}-city`} disabled aria-busy={loading || undefined} aria-describedby={describedBy} className={controlClass()}>
                <option>{loading ? t("loading") : t("chooseCountryFirst")}</option>
              </select>
            )}
            {/* A disabled select sends nothing: keep a chosen city while its list loads. */}
            {loading && choice && choice !== OTHER ? <input type="hidden" name={names.city} value={choice} /> : null}
            <span role="status" className="sr-only">
              {status}
            </span>
          </>
        )}
      </Field>
      {choice === OTHER ? (
        <Field id={`${id}-other`} label={labels.other} hint={t("otherHint")} error={errors.other}>
          {(describedBy, invalid) => (
            <input
              id={`${id}-other`}
              name={names.other}
              defaultValue={other}
              onChange={(event) => setOther(event.target.value)}
              maxLength={120}
              autoComplete="off"
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              className={controlClass()}
            />
          )}
        </Field>
      ) : null}
    </>
  );
}

function CityOptions({ cities }: { cities: ReadonlyArray<{ key: string; name: string }> }) {
  return cities.map((city) => (
    <option key={city.key} value={city.key}>
      {city.name}
    </option>
  ));
}
