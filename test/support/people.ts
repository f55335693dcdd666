import type { AccountsService } from '../../src/features/accounts/accounts.service.ts';
import type { AccountRow } from '../../src/features/accounts/accounts.repository.ts';

/**
 * The platform's people for tests: two enterprises with an administrator and an agent each, a person, editors and
 * reviewers of a city department and a county department, a window officer, an administrator and an auditor. Each
 * test file makes its own (no shared seeded database). Sessions are opened directly (no argon2 per request).
 */
export const ROLE_NAMES = [
  'person',
  'enterpriseAdmin',
  'enterpriseAgent',
  'otherEnterpriseAdmin',
  'cityEditor',
  'cityReviewer',
  'cityEditorReviewer',
  'countyEditor',
  'window',
  'admin',
  'auditor',
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** Valid check characters (GB 32100, GB 11643); fictional. */
export const USCC_A = '91371500MA3C8TQX1J';
export const USCC_B = '91371581MA3N1J7EXD';
export const CITIZEN = '371502199001011234';

export interface People {
  accounts: Record<RoleName, AccountRow>;
  departments: { city: number; county: number; hall: number };
  password: string;
}

export const PASSWORD = 'Correct-horse-battery-9';

export async function makePeople(service: AccountsService, suffix = ''): Promise<People> {
  const city = await service.createDepartment({
    code: `city-gx${suffix}`,
    name: '聊城市工业和信息化局',
    level: 'city',
    regionCode: '371500',
  });
  const county = await service.createDepartment({
    code: `linqing-gx${suffix}`,
    name: '临清市工业和信息化局',
    level: 'county',
    regionCode: '371581',
  });
  const hall = await service.createDepartment({
    code: `city-hall${suffix}`,
    name: '聊城市政务服务中心',
    level: 'city',
    regionCode: '371500',
  });
  const make = (username: string, extra: Parameters<AccountsService['createAccount']>[0]) =>
    service.createAccount({ ...extra, username: `${username}${suffix}`, password: PASSWORD });
  const accounts = {
    person: await make('person', { username: '', displayName: '张三', kind: 'person', citizenId: CITIZEN }),
    enterpriseAdmin: await make('ent-a-admin', {
      username: '',
      displayName: '聊城甲轴承有限公司',
      kind: 'enterprise',
      uscc: USCC_A,
      enterpriseRole: 'admin',
    }),
    enterpriseAgent: await make('ent-a-agent', {
      username: '',
      displayName: '李四（经办人）',
      kind: 'enterprise',
      uscc: USCC_A,
      enterpriseRole: 'agent',
    }),
    otherEnterpriseAdmin: await make('ent-b-admin', {
      username: '',
      displayName: '临清乙纺织有限公司',
      kind: 'enterprise',
      uscc: USCC_B,
      enterpriseRole: 'admin',
    }),
    cityEditor: await make('city-editor', {
      username: '',
      displayName: '王编辑',
      kind: 'staff',
      staffRoles: ['editor'],
      departmentCode: city.code,
    }),
    cityReviewer: await make('city-reviewer', {
      username: '',
      displayName: '赵审核',
      kind: 'staff',
      staffRoles: ['reviewer'],
      departmentCode: city.code,
    }),
    cityEditorReviewer: await make('city-both', {
      username: '',
      displayName: '钱编审',
      kind: 'staff',
      staffRoles: ['editor', 'reviewer'],
      departmentCode: city.code,
    }),
    countyEditor: await make('county-editor', {
      username: '',
      displayName: '孙编辑',
      kind: 'staff',
      staffRoles: ['editor'],
      departmentCode: county.code,
    }),
    window: await make('window', {
      username: '',
      displayName: '周窗口',
      kind: 'window',
      departmentCode: hall.code,
    }),
    admin: await make('admin', { username: '', displayName: '吴管理员', kind: 'admin' }),
    auditor: await make('auditor', { username: '', displayName: '郑审计', kind: 'auditor' }),
  } satisfies Record<RoleName, AccountRow>;
  return { accounts, departments: { city: city.id, county: county.id, hall: hall.id }, password: PASSWORD };
}

/** A session's cookie and CSRF header, as a browser would send them. */
export interface Credentials {
  cookie: string;
  csrf: string;
}

export async function sessionFor(service: AccountsService, account: AccountRow): Promise<Credentials> {
  const s = await service.openSession(account, 'password', '127.0.0.1');
  return { cookie: `zct_session=${s.token}`, csrf: s.csrfToken };
}

/**
 * The headers a signed-in browser sends: its cookie, and the CSRF token that state-changing requests need; with
 * `json`, the content type of a JSON body. None for the anonymous.
 */
export function browserHeaders(c: Credentials | undefined, json = false): Record<string, string> {
  return {
    ...(c && { cookie: c.cookie, 'x-csrf-token': c.csrf }),
    ...(json && { 'content-type': 'application/json' }),
  };
}
