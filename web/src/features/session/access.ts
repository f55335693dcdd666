import type { Principal } from '../../api/session.ts';

/**
 * Which parts of the staff console an account sees (docs/access.md, "Kinds of account"): editors and reviewers
 * work on their own department's items (谁制定、谁更新), reviewers decide (上线审查), editors keep the
 * department's documents and reviewers decide on their versions and repeals, window officers serve visitors.
 * The server checks every call again; this only decides what to offer.
 */
export interface ConsoleSections {
  worklist: boolean;
  review: boolean;
  documents: boolean;
  window: boolean;
}

export function consoleSections(p: Principal | null): ConsoleSections {
  const staff = p?.kind === 'staff';
  return {
    worklist: staff,
    review: staff && p.staffRoles.includes('reviewer'),
    documents: staff && (p.staffRoles.includes('editor') || p.staffRoles.includes('reviewer')),
    window: p?.kind === 'window',
  };
}

/** Whether the account has any part of the console. */
export function usesConsole(p: Principal | null): boolean {
  return Object.values(consoleSections(p)).some(Boolean);
}

export function isEditor(p: Principal | null): boolean {
  return p?.kind === 'staff' && p.staffRoles.includes('editor');
}

export function isReviewer(p: Principal | null): boolean {
  return consoleSections(p).review;
}

/** A person or an enterprise: they have their own data (/me/data). */
export function isDataSubject(p: Principal | null): boolean {
  return p?.kind === 'person' || p?.kind === 'enterprise';
}

/** Where to go after signing in when no page asked for it: staff to the console, everyone else home. */
export function homeOf(p: Principal | null): string {
  return usesConsole(p) ? '/staff' : '/';
}

/**
 * A `returnTo` that stays on this site: a path that starts with one slash. `//host`, `/\host` (browsers read
 * both as another host), schemes, the API and the sign-in page itself are refused (open redirects, OWASP
 * "Unvalidated Redirects and Forwards").
 *
 * @example safeReturnTo('/staff/review/LC-GX-CXQ') → '/staff/review/LC-GX-CXQ'; safeReturnTo('//evil') → null
 */
export function safeReturnTo(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2000) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  if (raw.includes('\\') || [...raw].some((c) => c.charCodeAt(0) < 0x20)) return null;
  let url: URL;
  try {
    url = new URL(raw, 'https://same.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'https://same.invalid') return null;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return null;
  if (url.pathname === '/signin' || url.pathname.startsWith('/signin/')) return null;
  return url.pathname + url.search + url.hash;
}

/** The sign-in page's link that comes back to `path` afterwards. */
export function signInPath(path?: string): string {
  const back = safeReturnTo(path);
  return back && back !== '/' ? `/signin?returnTo=${encodeURIComponent(back)}` : '/signin';
}
