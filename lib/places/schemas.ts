import { z } from "zod";

/**
 * The shape of a city key (a GeoNames id: digits only), shareable with forms. Whether the key is a
 * city of the chosen country is lib/places/cities.ts's isCityOf, on the server.
 */
export const CITY_KEY_PATTERN = /^\d{1,12}$/;

export const CityKeySchema = z.string().trim().regex(CITY_KEY_PATTERN, { error: "invalid_city" });
