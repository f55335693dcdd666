import { parseCitizenId } from '../codes/citizen-id.ts';
import { parseUscc } from '../codes/uscc.ts';

/**
 * Who an ID token from the province's unified identity (统一身份认证) says signed in, read from the claims the
 * deployment names (ZCT_OIDC_CLAIM_*): an enterprise when it carries a USCC (a legal person's sign-in, 法人登录,
 * may also carry its representative's citizen id, but acts for the enterprise), otherwise a person by citizen id.
 * Both are checked like registration checks them (GB 32100, GB 11643 check characters), so that a malformed claim
 * never becomes an account.
 *
 * @example
 * identityFromClaims({ sub: 'a1', name: '张三', citizen_id: '371502199001011234' }, DEFAULT_NAMES)
 * // { ok: true, identity: { kind: 'person', citizenId: '371502199001011234', displayName: '张三' } }
 */
export type OidcIdentity =
  | { kind: 'person'; citizenId: string; displayName: string }
  | { kind: 'enterprise'; uscc: string; displayName: string };

export interface ClaimNames {
  citizenId: string;
  uscc: string;
  displayName: string;
}

export type OidcIdentityResult = { ok: true; identity: OidcIdentity } | { ok: false; problem: string };

/** The longest display name kept (the audit trail keeps 100 characters of an actor's name). */
const MAX_NAME = 100;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export function identityFromClaims(
  claims: Readonly<Record<string, unknown>>,
  names: ClaimNames,
): OidcIdentityResult {
  const name = text(claims[names.displayName])?.slice(0, MAX_NAME) ?? null;
  const uscc = text(claims[names.uscc]);
  if (uscc !== null) {
    const r = parseUscc(uscc);
    if (!r.ok) return { ok: false, problem: `统一身份认证提供的统一社会信用代码有误：${r.error}` };
    return {
      ok: true,
      identity: { kind: 'enterprise', uscc: r.code, displayName: name ?? `企业 ${r.code}` },
    };
  }
  const citizenId = text(claims[names.citizenId]);
  if (citizenId !== null) {
    const r = parseCitizenId(citizenId);
    if (!r.ok) return { ok: false, problem: `统一身份认证提供的公民身份号码有误：${r.error}` };
    return {
      ok: true,
      identity: { kind: 'person', citizenId: r.id, displayName: name ?? '统一身份认证用户' },
    };
  }
  return {
    ok: false,
    problem: `统一身份认证未提供公民身份号码（${names.citizenId}）或统一社会信用代码（${names.uscc}）`,
  };
}
