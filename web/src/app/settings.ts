/**
 * Display settings a visitor can switch, each with one toggle, remembered in the browser (localStorage).
 * Window mode (窗口模式) is one of them until staff accounts exist (13号: 线下窗口 咨询导办、全程帮办).
 */
export interface Settings {
  /** 适老化: larger text and controls. */
  largeFont: boolean;
  /** White on black, stronger borders and underlined links. */
  highContrast: boolean;
  /** Compact, keyboard-driven layout for service-window staff. */
  windowMode: boolean;
}

export const DEFAULT_SETTINGS: Settings = { largeFont: false, highContrast: false, windowMode: false };

export const SETTINGS_KEY = 'zct.settings.v1';

/** Reads saved settings; anything unreadable (old format, hand-edited, storage blocked) falls back to defaults. */
export function readSettings(storage: Pick<Storage, 'getItem'> | undefined): Settings {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(SETTINGS_KEY) ?? null;
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  if (!raw) return { ...DEFAULT_SETTINGS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  const out = { ...DEFAULT_SETTINGS };
  if (parsed && typeof parsed === 'object') {
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const v = (parsed as Record<string, unknown>)[key];
      if (typeof v === 'boolean') out[key] = v;
    }
  }
  return out;
}

export function writeSettings(storage: Pick<Storage, 'setItem'> | undefined, settings: Settings): void {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Private mode or a full quota: the setting still applies to this visit.
  }
}

/** The `<html>` attributes the stylesheet keys on (portal.css). */
export function rootAttributes(settings: Settings, channel: Channel): Record<string, string> {
  return {
    'data-font': settings.largeFont || channel === 'kiosk' ? 'large' : 'normal',
    'data-contrast': settings.highContrast ? 'high' : 'normal',
    'data-channel': channel === 'kiosk' ? 'kiosk' : settings.windowMode ? 'window' : 'web',
  };
}

/** PC and phone share one responsive layout ('web'); the kiosk has its own shell under /kiosk. */
export type Channel = 'web' | 'kiosk';
