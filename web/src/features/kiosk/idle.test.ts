import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_CONFIG, idlePhase, parseKioskConfig } from './idle.ts';

describe('kiosk idle timeout', () => {
  const config = { idleSeconds: 60, warnSeconds: 10 };

  it('is active, then counts down, then expires', () => {
    expect(idlePhase(0, config)).toEqual({ phase: 'active' });
    expect(idlePhase(49_999, config)).toEqual({ phase: 'active' });
    expect(idlePhase(50_000, config)).toEqual({ phase: 'warning', secondsLeft: 10 });
    expect(idlePhase(55_500, config)).toEqual({ phase: 'warning', secondsLeft: 5 });
    expect(idlePhase(59_999, config)).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(idlePhase(60_000, config)).toEqual({ phase: 'expired' });
    expect(idlePhase(10_000, { idleSeconds: 10, warnSeconds: 0 })).toEqual({ phase: 'expired' });
    expect(idlePhase(9_000, { idleSeconds: 10, warnSeconds: 0 })).toEqual({ phase: 'active' });
  });

  it('takes its times from the start URL, else from the session, else the defaults', () => {
    const none = new URLSearchParams();
    expect(parseKioskConfig(none, null)).toEqual(DEFAULT_KIOSK_CONFIG);
    expect(parseKioskConfig(new URLSearchParams('idle=3&warn=2'), null)).toEqual({
      idleSeconds: 3,
      warnSeconds: 2,
    });
    const stored = JSON.stringify({ idleSeconds: 30, warnSeconds: 5 });
    expect(parseKioskConfig(none, stored)).toEqual({ idleSeconds: 30, warnSeconds: 5 });
    expect(parseKioskConfig(new URLSearchParams('idle=90'), stored)).toEqual({
      idleSeconds: 90,
      warnSeconds: 5,
    });
  });

  it('ignores bad values and never warns for longer than the timeout', () => {
    expect(parseKioskConfig(new URLSearchParams('idle=0&warn=-1'), '{broken')).toEqual(DEFAULT_KIOSK_CONFIG);
    expect(parseKioskConfig(new URLSearchParams('idle=abc'), null)).toEqual(DEFAULT_KIOSK_CONFIG);
    expect(parseKioskConfig(new URLSearchParams('idle=5&warn=30'), null)).toEqual({
      idleSeconds: 5,
      warnSeconds: 5,
    });
  });
});
