import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing with argon2id, at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane; OWASP Password
 * Storage Cheat Sheet). The PHC string keeps its own parameters, so raising them later still verifies old hashes.
 */
const OPTIONS = {
  // Algorithm.Argon2id: the package declares it as a const enum, which isolated-module builds cannot import.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of no one's password: an unknown username costs as much time as a wrong password. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hashPassword('decoy-password-that-no-account-has');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** What a new password must be: 10 to 128 characters, not only digits, not the username. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return '密码至少10位';
  if (password.length > 128) return '密码不能超过128位';
  if (/^\d+$/.test(password)) return '密码不能全为数字';
  if (password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
