import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_SETTINGS, readSettings, writeSettings, type Settings } from './settings.ts';

interface SettingsValue {
  settings: Settings;
  toggle: (key: keyof Settings) => void;
}

const SettingsContext = createContext<SettingsValue | null>(null);

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

interface Props {
  children: ReactNode;
  /**
   * 'local' remembers the toggles in this browser. 'memory' forgets them when the provider unmounts: the
   * kiosk is a shared device, and its idle reset remounts the provider so that the next visitor starts afresh.
   */
  storage?: 'local' | 'memory';
  initial?: Partial<Settings>;
}

export function SettingsProvider({ children, storage = 'local', initial }: Props) {
  const [settings, setSettings] = useState<Settings>(() =>
    storage === 'local' ? readSettings(browserStorage()) : { ...DEFAULT_SETTINGS, ...initial },
  );
  useEffect(() => {
    if (storage === 'local') writeSettings(browserStorage(), settings);
  }, [storage, settings]);
  const toggle = useCallback((key: keyof Settings) => {
    setSettings((prev) => ({ ...prev, [key]: !prev[key] }));
  }, []);
  const value = useMemo(() => ({ settings, toggle }), [settings, toggle]);
  return <SettingsContext value={value}>{children}</SettingsContext>;
}

export function useSettings(): SettingsValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings outside SettingsProvider');
  return value;
}
