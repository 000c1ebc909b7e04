import type { APIRequestContext, APIResponse } from "@playwright/test";

/**
 * A page's React Server Components payload, as the client router fetches it (`RSC: 1`). Next.js
 * answers a request without its cache-busting `_rsc` parameter with a 307 to the URL carrying it;
 * the client router then asks again, and so does this.
 */
export async function getRsc(client: APIRequestContext, url: string, headers: Record<string, string> = {}): Promise<APIResponse> {
  const ask = (target: string) => client.get(target, { headers: { RSC: "1", ...headers }, maxRedirects: 0 });
  const first = await ask(url);
  const location = first.headers()["location"];
  if (first.status() === 307 && location && /[?&]_rsc(=|&|$)/.test(location)) return ask(location);
  return first;
}
