import { useEffect, useState } from "react";

/** The cities of a country, from GET /api/places/<country>, for the place fields. */

export interface City {
  key: string;
  name: string;
}

/** Countries already fetched on this page; a few suffice (a form names one, maybe two). */
const cache = new Map<string, ReadonlyArray<City>>();
const CACHE_SIZE = 20;

function isCity(value: unknown): value is City {
  return (
    typeof value === "object" &&
    value !== null &&
    "key" in value &&
    "name" in value &&
    typeof value.key === "string" &&
    typeof value.name === "string"
  );
}

async function fetchCities(country: string, signal: AbortSignal): Promise<ReadonlyArray<City>> {
  const response = await fetch(`/api/places/${encodeURIComponent(country)}`, { signal, headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`places_${response.status}`);
  const body: unknown = await response.json();
  const cities = typeof body === "object" && body !== null && "cities" in body ? body.cities : null;
  if (!Array.isArray(cities) || !cities.every(isCity)) throw new Error("places_malformed");
  return cities.map(({ key, name }) => ({ key, name }));
}

/** The country's cities: null while loading (or without a country), "failed" when they could not be had. */
export function useCities(country: string): ReadonlyArray<City> | null | "failed" {
  const [loaded, setLoaded] = useState<{ country: string; cities: ReadonlyArray<City> | "failed" } | null>(null);
  useEffect(() => {
    if (!country || cache.has(country)) return;
    const controller = new AbortController();
    fetchCities(country, controller.signal).then(
      (cities) => {
        if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value ?? "");
        cache.set(country, cities);
        setLoaded({ country, cities });
      },
      () => {
        // A failure is not kept: choosing the country again asks again.
        if (!controller.signal.aborted) setLoaded({ country, cities: "failed" });
      },
    );
    return () => controller.abort();
  }, [country]);
  if (!country) return null;
  return cache.get(country) ?? (loaded?.country === country ? loaded.cities : null);
}
