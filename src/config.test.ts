import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, oidcSettings } from './config.ts';

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
      ZCT_DAILY_JOBS_AT: '01:00',
    });
  });

  it('reads when the daily jobs run (HH:MM, Beijing time), and refuses a time that is not one', () => {
    expect(loadConfig({ ZCT_DAILY_JOBS_AT: '02:30' }).ZCT_DAILY_JOBS_AT).toBe('02:30');
    expect(loadConfig({ ZCT_DAILY_JOBS_AT: ' 23:59 ' }).ZCT_DAILY_JOBS_AT).toBe('23:59');
    for (const bad of ['24:00', '1:00', '01:60', '0100', 'midnight', ''])
      expect(() => loadConfig({ ZCT_DAILY_JOBS_AT: bad }), bad).toThrow(
        /ZCT_DAILY_JOBS_AT: 应为北京时间 HH:MM（24 小时制），如 01:00/,
      );
  });

  it('reads which proxies to trust, and refuses anything else naming the variable', () => {
    expect(loadConfig({}).ZCT_TRUST_PROXY).toBeUndefined();
    expect(loadConfig({ ZCT_TRUST_PROXY: 'false' }).ZCT_TRUST_PROXY).toBeUndefined();
    expect(loadConfig({ ZCT_TRUST_PROXY: 'true' }).ZCT_TRUST_PROXY).toBe(true);
    expect(loadConfig({ ZCT_TRUST_PROXY: '1' }).ZCT_TRUST_PROXY).toBe(1);
    expect(loadConfig({ ZCT_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).ZCT_TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ ZCT_TRUST_PROXY: 'everyone' })).toThrow(/ZCT_TRUST_PROXY: must be 'true'/);
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

describe('统一身份认证 (OIDC) from the environment', () => {
  const on = {
    ZCT_OIDC_ISSUER: 'https://sfrz.example.gov.cn/oidc',
    ZCT_OIDC_CLIENT_ID: 'zct-portal',
    ZCT_OIDC_CLIENT_SECRET: 'client-secret',
    ZCT_OIDC_REDIRECT_URI: 'https://zct.example.gov.cn/api/session/oidc/callback',
  };

  it('is off when the issuer is unset or empty', () => {
    expect(oidcSettings(loadConfig({}))).toBeNull();
    expect(oidcSettings(loadConfig({ ZCT_OIDC_ISSUER: '', ZCT_OIDC_CLIENT_ID: 'x' }))).toBeNull();
  });

  it('has defaults for the display name, the scopes and the claims', () => {
    expect(oidcSettings(loadConfig(on))).toEqual({
      issuer: new URL(on.ZCT_OIDC_ISSUER),
      clientId: 'zct-portal',
      clientSecret: 'client-secret',
      redirectUri: new URL(on.ZCT_OIDC_REDIRECT_URI),
      name: '统一身份认证',
      scopes: 'openid profile',
      claims: { citizenId: 'citizen_id', uscc: 'uscc', displayName: 'name' },
    });
    const named = oidcSettings(
      loadConfig({
        ...on,
        ZCT_OIDC_NAME: '山东省统一身份认证',
        ZCT_OIDC_SCOPES: 'openid profile idcard',
        ZCT_OIDC_CLAIM_CITIZEN_ID: 'idCardNo',
        ZCT_OIDC_CLAIM_USCC: 'creditCode',
        ZCT_OIDC_CLAIM_NAME: 'realName',
      }),
    );
    expect(named).toMatchObject({
      name: '山东省统一身份认证',
      scopes: 'openid profile idcard',
      claims: { citizenId: 'idCardNo', uscc: 'creditCode', displayName: 'realName' },
    });
  });

  it('needs the client id, its secret and the redirect URI once the issuer is set, naming each in Chinese', () => {
    const bad = () => loadConfig({ ZCT_OIDC_ISSUER: on.ZCT_OIDC_ISSUER });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/ZCT_OIDC_CLIENT_ID: 已设置 ZCT_OIDC_ISSUER，还须设置客户端标识/);
    expect(bad).toThrow(/ZCT_OIDC_CLIENT_SECRET: .*客户端密钥/);
    expect(bad).toThrow(/ZCT_OIDC_REDIRECT_URI: .*回调地址/);
    // buildApp takes variables without loadConfig (tests do): the same check applies.
    expect(() => oidcSettings({ ZCT_OIDC_ISSUER: on.ZCT_OIDC_ISSUER })).toThrow(/ZCT_OIDC_CLIENT_ID/);
  });

  it('allows plain HTTP only on this machine, and a redirect URI only to the callback route', () => {
    expect(() => loadConfig({ ...on, ZCT_OIDC_ISSUER: 'http://sfrz.example.gov.cn' })).toThrow(
      /ZCT_OIDC_ISSUER: 应为 https:\/\/ 开头/,
    );
    expect(() => loadConfig({ ...on, ZCT_OIDC_ISSUER: 'sfrz.example.gov.cn' })).toThrow(/ZCT_OIDC_ISSUER/);
    expect(oidcSettings(loadConfig({ ...on, ZCT_OIDC_ISSUER: 'http://127.0.0.1:4000' }))?.issuer.host).toBe(
      '127.0.0.1:4000',
    );
    expect(() =>
      loadConfig({ ...on, ZCT_OIDC_REDIRECT_URI: 'https://zct.example.gov.cn/signin?next=/' }),
    ).toThrow(/ZCT_OIDC_REDIRECT_URI: 应为本站以 \/api\/session\/oidc\/callback 结尾/);
    expect(() => loadConfig({ ...on, ZCT_OIDC_SCOPES: 'profile' })).toThrow(/ZCT_OIDC_SCOPES: 应包含 openid/);
  });
});
