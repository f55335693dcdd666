import { beforeEach, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { AuditInputError, AuditService, type AuditInput } from './audit.service.ts';
import { resetAudit } from './audit.test-support.ts';

const read = (uscc: string, purpose: string | null): AuditInput => ({
  actor: { kind: 'staff', id: '7', name: '王敏' },
  action: 'profile.read',
  subject: { kind: 'enterprise', uscc },
  purpose,
});

/** Several reads recorded together (a page of subjects): all in the chain, or none. */
forEachBackend('audit trail: recording several entries at once', (backend) => {
  let audit: AuditService;
  beforeEach(async () => {
    await resetAudit(backend.handle());
    audit = new AuditService(backend.handle());
  });

  it('records every entry, in order, in one unbroken chain', async () => {
    const out = await audit.recordMany([
      read('91371500MA3C8TQX1J', '核定名单'),
      read('91371581MA3N1J7EXD', '核定名单'),
    ]);
    expect(out.map((r) => r.seq)).toEqual([1, 2]);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('records none when one entry is refused, naming its field', async () => {
    await expect(
      audit.recordMany([read('91371500MA3C8TQX1J', '核定名单'), read('91371581MA3N1J7EXD', null)]),
    ).rejects.toMatchObject({ constructor: AuditInputError, field: 'purpose' });
    expect((await audit.search({})).total).toBe(0);
  });
});
