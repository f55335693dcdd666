/**
 * Where to send a browser after signing in: a path on this site, never another site (an open redirect, CWE-601;
 * OWASP Unvalidated Redirects and Forwards Cheat Sheet). The sign-in page passes its own path; anything that is not
 * plainly one is refused rather than repaired.
 *
 * Refused: absolute URLs (`https://evil.example`), scheme-relative ones (`//evil.example`), backslashes (browsers
 * read `/\evil.example` as `//evil.example`), control characters (the URL parser drops tabs and newlines, so
 * `/\t/evil.example` would become `//evil.example`), and anything that resolves to another origin.
 *
 * @example safeReturnPath('/items/LC-1?tab=history') // '/items/LC-1?tab=history'
 * @example safeReturnPath('//evil.example/') // null
 */
export function safeReturnPath(input: string): string | null {
  if (input.length === 0 || input.length > MAX_RETURN_PATH) return null;
  if (!input.startsWith('/') || input.startsWith('//')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(input)) return null;
  let url: URL;
  try {
    url = new URL(input, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  return url.pathname + url.search + url.hash;
}

/** Longer is not a path our pages produce. */
export const MAX_RETURN_PATH = 2000;

/** A reserved name (RFC 6761): resolving against it shows whether a path stays on the site it came from. */
const PROBE_ORIGIN = 'https://zct.invalid';
