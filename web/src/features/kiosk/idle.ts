/**
 * The kiosk's idle timeout. After `idleSeconds` without a touch or a key the kiosk returns to its start page and
 * forgets what was entered; during the last `warnSeconds` it shows a countdown that any touch cancels.
 * Both can be set on the kiosk's start URL (`/kiosk?idle=60&warn=10`), so that a hall can tune them and the
 * browser tests can run in seconds; they are kept for the browser session.
 */
export interface KioskConfig {
  idleSeconds: number;
  warnSeconds: number;
}

export const DEFAULT_KIOSK_CONFIG: KioskConfig = { idleSeconds: 120, warnSeconds: 20 };
export const KIOSK_CONFIG_KEY = 'zct.kiosk.config';

function seconds(raw: string | null | undefined, min: number, max: number): number | undefined {
  if (raw === null || raw === undefined || !/^\d{1,4}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

/** From the URL's `idle` and `warn`, else what this session stored, else the defaults; warn never exceeds idle. */
export function parseKioskConfig(params: URLSearchParams, stored: string | null): KioskConfig {
  let base = DEFAULT_KIOSK_CONFIG;
  if (stored) {
    try {
      const s = JSON.parse(stored) as Partial<Record<keyof KioskConfig, unknown>>;
      base = {
        idleSeconds: seconds(String(s.idleSeconds), 1, 3600) ?? base.idleSeconds,
        warnSeconds: seconds(String(s.warnSeconds), 0, 3600) ?? base.warnSeconds,
      };
    } catch {
      // A damaged entry: keep the defaults.
    }
  }
  const idleSeconds = seconds(params.get('idle'), 1, 3600) ?? base.idleSeconds;
  const warnSeconds = seconds(params.get('warn'), 0, 3600) ?? base.warnSeconds;
  return { idleSeconds, warnSeconds: Math.min(warnSeconds, idleSeconds) };
}

export type IdlePhase =
  { phase: 'active' } | { phase: 'warning'; secondsLeft: number } | { phase: 'expired' };

/** Where the countdown stands after `elapsedMs` without activity. */
export function idlePhase(elapsedMs: number, config: KioskConfig): IdlePhase {
  const idleMs = config.idleSeconds * 1000;
  if (elapsedMs >= idleMs) return { phase: 'expired' };
  const warnFrom = idleMs - config.warnSeconds * 1000;
  if (elapsedMs >= warnFrom && config.warnSeconds > 0) {
    return { phase: 'warning', secondsLeft: Math.max(1, Math.ceil((idleMs - elapsedMs) / 1000)) };
  }
  return { phase: 'active' };
}
