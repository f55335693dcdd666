import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings, rootAttributes, SETTINGS_KEY, writeSettings } from './settings.ts';

function memory(initial?: string): Storage {
  const data = new Map<string, string>(initial === undefined ? [] : [[SETTINGS_KEY, initial]]);
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
    clear: () => data.clear(),
    key: () => null,
    length: data.size,
  };
}

describe('display settings', () => {
  it('remembers each toggle', () => {
    const storage = memory();
    writeSettings(storage, { ...DEFAULT_SETTINGS, largeFont: true });
    expect(readSettings(storage)).toEqual({ largeFont: true, highContrast: false, windowMode: false });
  });

  it('falls back to the defaults on anything unreadable', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(memory('not json'))).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(memory('[1,2]'))).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(memory('{"largeFont":"yes","highContrast":true}'))).toEqual({
      ...DEFAULT_SETTINGS,
      highContrast: true,
    });
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readSettings(throwing)).toEqual(DEFAULT_SETTINGS);
    expect(() =>
      writeSettings(
        {
          setItem: () => {
            throw new Error('QuotaExceededError');
          },
        },
        DEFAULT_SETTINGS,
      ),
    ).not.toThrow();
  });

  it('sets the page attributes per channel: the kiosk is always large, window mode is a web setting', () => {
    expect(rootAttributes(DEFAULT_SETTINGS, 'web')).toEqual({
      'data-font': 'normal',
      'data-contrast': 'normal',
      'data-channel': 'web',
    });
    expect(rootAttributes({ ...DEFAULT_SETTINGS, windowMode: true }, 'web')['data-channel']).toBe('window');
    expect(rootAttributes({ ...DEFAULT_SETTINGS, windowMode: true }, 'kiosk')).toEqual({
      'data-font': 'large',
      'data-contrast': 'normal',
      'data-channel': 'kiosk',
    });
  });
});
