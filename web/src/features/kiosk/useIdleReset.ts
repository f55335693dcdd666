import { useEffect, useRef, useState } from 'react';
import { idlePhase, type IdlePhase, type KioskConfig } from './idle.ts';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;
const TICK_MS = 250;

/**
 * Watches for activity and reports the idle phase; calls `onExpire` once when the time is up, then starts
 * counting again.
 */
export function useIdleReset(
  config: KioskConfig,
  onExpire: () => void,
): { idle: IdlePhase; stay: () => void } {
  const last = useRef(0); // set when the effect starts: no clock reading during render
  const [idle, setIdle] = useState<IdlePhase>({ phase: 'active' });
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  }, [onExpire]);

  useEffect(() => {
    last.current = Date.now();
    const touch = () => {
      last.current = Date.now();
    };
    for (const type of ACTIVITY) window.addEventListener(type, touch, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      const phase = idlePhase(Date.now() - last.current, config);
      if (phase.phase === 'expired') {
        last.current = Date.now();
        setIdle({ phase: 'active' });
        expire.current();
        return;
      }
      setIdle((prev) =>
        prev.phase === phase.phase &&
        (prev.phase !== 'warning' || prev.secondsLeft === (phase as typeof prev).secondsLeft)
          ? prev
          : phase,
      );
    }, TICK_MS);
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, touch, { capture: true });
      window.clearInterval(timer);
    };
  }, [config]);

  return {
    idle,
    stay: () => {
      last.current = Date.now();
      setIdle({ phase: 'active' });
    },
  };
}
