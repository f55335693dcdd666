import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('has working defaults: SQLite in ./data, port 3000, samples loaded, ingest over HTTP off', () => {
    expect(loadConfig({})).toEqual({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATABASE_URL: undefined,
      ZCT_SQLITE_PATH: './data/zct.sqlite',
      ZCT_LOAD_SAMPLES: true,
      ZCT_ADMIN_TOKEN: undefined,
      LOG_LEVEL: 'info',
    });
  });

  it('selects PostgreSQL with a postgres:// URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/zct' }).DATABASE_URL).toBe(
      'postgres://u@db:5432/zct',
    );
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('refuses bad values with a message naming each variable', () => {
    const bad = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ZCT_ADMIN_TOKEN: 'short' });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/PORT/);
    expect(bad).toThrow(/DATABASE_URL: must start with postgres:\/\//);
    expect(bad).toThrow(/ZCT_ADMIN_TOKEN: must be at least 24 characters/);
  });
});
