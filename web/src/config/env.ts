/**
 * Settings the app reads once at start-up, checked so that a bad build fails loudly on the first
 * page load rather than on the first API call.
 *
 * The API is served from the same origin as the app (by the API binary in production, through
 * Vite's proxy in development), so its base URL defaults to the page's origin. `VITE_API_BASE_URL`
 * points a build at another origin.
 */
export interface Env {
  /** Absolute origin of the Marcottage API, without a trailing slash. */
  apiBaseUrl: string;
}

function readApiBaseUrl(raw: string | undefined): string {
  const value = raw?.trim() || window.location.origin;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`VITE_API_BASE_URL must be an absolute URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`VITE_API_BASE_URL must use http or https, got "${value}"`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export const env: Env = Object.freeze({
  apiBaseUrl: readApiBaseUrl(import.meta.env.VITE_API_BASE_URL),
});
