import { z } from 'zod';
import { ACCOUNT_KINDS, LEVELS, STAFF_ROLES } from '../../core/access/policy.ts';

/** Request and response shapes of sign-in, accounts and departments. */

export const department = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  level: z.enum(LEVELS),
  regionCode: z.string(),
});

export const principal = z.object({
  accountId: z.number(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(ACCOUNT_KINDS),
  staffRoles: z.array(z.enum(STAFF_ROLES)),
  department: department.nullable(),
  uscc: z.string().nullable(),
  enterpriseRole: z.enum(['admin', 'agent']).nullable(),
  /** Masked: the full number is not sent back to the browser. */
  citizenId: z.string().nullable(),
});

export const sessionState = z.object({
  signedIn: z.boolean(),
  principal: principal.nullable(),
  /** Send it back in x-csrf-token with every state-changing request. */
  csrfToken: z.string().nullable(),
});

export const signInBody = z.object({
  username: z.string().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

export const resetRequestBody = z.object({ username: z.string().min(1, '请输入用户名').max(64) });
export const resetBody = z.object({
  code: z.string().min(10, '重设码不完整').max(100),
  password: z.string().max(128),
});

export const registerBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('person'),
    username: z.string().max(64),
    displayName: z.string().min(1, '请输入姓名').max(50),
    password: z.string().max(128),
    citizenId: z.string().max(18),
    phone: z
      .string()
      .regex(/^1\d{10}$/, '手机号码应为11位')
      .optional(),
  }),
  z.object({
    kind: z.literal('enterprise'),
    username: z.string().max(64),
    displayName: z.string().min(1, '请输入企业名称').max(100),
    password: z.string().max(128),
    uscc: z.string().max(18),
    phone: z
      .string()
      .regex(/^1\d{10}$/, '手机号码应为11位')
      .optional(),
  }),
]);

export const accountView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(ACCOUNT_KINDS),
  staffRoles: z.array(z.enum(STAFF_ROLES)),
  departmentId: z.number().nullable(),
  uscc: z.string().nullable(),
  enterpriseRole: z.enum(['admin', 'agent']).nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const agentBody = z.object({
  username: z.string().max(64),
  displayName: z.string().min(1, '请输入经办人姓名').max(50),
  password: z.string().max(128),
  phone: z
    .string()
    .regex(/^1\d{10}$/, '手机号码应为11位')
    .optional(),
});

export const newAccountBody = z.object({
  username: z.string().max(64),
  displayName: z.string().min(1).max(100),
  kind: z.enum(['staff', 'window', 'admin', 'auditor']),
  password: z.string().max(128),
  staffRoles: z.array(z.enum(STAFF_ROLES)).optional(),
  departmentCode: z.string().optional(),
  phone: z
    .string()
    .regex(/^1\d{10}$/, '手机号码应为11位')
    .optional(),
});

export const newDepartmentBody = z.object({
  code: z.string().min(2).max(40),
  name: z.string().min(2).max(60),
  level: z.enum(LEVELS),
  regionCode: z.string(),
});
