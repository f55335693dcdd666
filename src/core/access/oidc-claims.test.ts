import { describe, expect, it } from 'vitest';
import { identityFromClaims } from './oidc-claims.ts';

const NAMES = { citizenId: 'citizen_id', uscc: 'uscc', displayName: 'name' };

describe('identityFromClaims', () => {
  it('reads a person from a valid citizen id, upper-casing a final x', () => {
    expect(identityFromClaims({ sub: 's', name: ' 张三 ', citizen_id: '11010519491231002x' }, NAMES)).toEqual(
      {
        ok: true,
        identity: { kind: 'person', citizenId: '11010519491231002X', displayName: '张三' },
      },
    );
  });

  it('reads an enterprise from a USCC, which wins over a representative’s citizen id', () => {
    const r = identityFromClaims(
      { name: '聊城甲轴承有限公司', uscc: '91371500ma3c8tqx1j', citizen_id: '371502199001011234' },
      NAMES,
    );
    expect(r).toEqual({
      ok: true,
      identity: { kind: 'enterprise', uscc: '91371500MA3C8TQX1J', displayName: '聊城甲轴承有限公司' },
    });
  });

  it('uses the claim names the deployment configures', () => {
    const r = identityFromClaims(
      { idCard: '371502199001011234', realName: '李四' },
      {
        citizenId: 'idCard',
        uscc: 'creditCode',
        displayName: 'realName',
      },
    );
    expect(r).toMatchObject({ ok: true, identity: { kind: 'person', displayName: '李四' } });
  });

  it('gives a name when the token has none', () => {
    expect(identityFromClaims({ citizen_id: '371502199001011234' }, NAMES)).toMatchObject({
      identity: { displayName: '统一身份认证用户' },
    });
  });

  it('refuses a citizen id or USCC whose check character is wrong, saying which', () => {
    expect(identityFromClaims({ citizen_id: '371502199001011235' }, NAMES)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^统一身份认证提供的公民身份号码有误：/) as unknown,
    });
    expect(identityFromClaims({ uscc: '91371500MA3C8TQX1K' }, NAMES)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^统一身份认证提供的统一社会信用代码有误：校验位/) as unknown,
    });
  });

  it('refuses a token with neither, naming the claims it looked for', () => {
    expect(identityFromClaims({ sub: 's', name: '王五', citizen_id: 42 }, NAMES)).toEqual({
      ok: false,
      problem: '统一身份认证未提供公民身份号码（citizen_id）或统一社会信用代码（uscc）',
    });
  });
});
