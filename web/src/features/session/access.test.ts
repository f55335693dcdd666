import { describe, expect, it } from 'vitest';
import type { Principal } from '../../api/session.ts';
import { consoleSections, homeOf, safeReturnTo, signInPath, usesConsole } from './access.ts';

const principal = (p: Partial<Principal>): Principal => ({
  accountId: 1,
  username: 'u',
  displayName: '某人',
  kind: 'person',
  staffRoles: [],
  department: null,
  uscc: null,
  enterpriseRole: null,
  citizenId: null,
  ...p,
});

describe('safeReturnTo', () => {
  it('keeps paths of this site, with their query and hash', () => {
    expect(safeReturnTo('/staff/review/LC-GX-CXQ')).toBe('/staff/review/LC-GX-CXQ');
    expect(safeReturnTo('/search?q=校车#top')).toBe('/search?q=%E6%A0%A1%E8%BD%A6#top');
  });

  it.each([
    ['another host', '//evil.example/x'],
    ['a backslash host', '/\\evil.example'],
    ['a scheme', 'javascript:alert(1)'],
    ['an absolute URL', 'https://evil.example/'],
    ['a relative path', 'staff'],
    ['the API', '/api/session'],
    ['the sign-in page', '/signin?returnTo=/staff'],
    ['a control character', '/staff\n'],
    ['nothing', null],
  ])('refuses %s', (_, raw) => {
    expect(safeReturnTo(raw)).toBeNull();
  });

  it('builds the sign-in link back to a page', () => {
    expect(signInPath('/staff/review')).toBe('/signin?returnTo=%2Fstaff%2Freview');
    expect(signInPath('/')).toBe('/signin');
    expect(signInPath('//evil')).toBe('/signin');
  });
});

describe('console sections', () => {
  it('offers each part only to whom it applies', () => {
    expect(consoleSections(principal({ kind: 'staff', staffRoles: ['editor'] }))).toEqual({
      worklist: true,
      review: false,
      documents: true,
      window: false,
    });
    // A reviewer decides on the department's documents too: the documents console opens on 待我审核.
    expect(consoleSections(principal({ kind: 'staff', staffRoles: ['reviewer'] }))).toEqual({
      worklist: true,
      review: true,
      documents: true,
      window: false,
    });
    expect(consoleSections(principal({ kind: 'staff', staffRoles: [] })).documents).toBe(false);
    expect(consoleSections(principal({ kind: 'window' }))).toEqual({
      worklist: false,
      review: false,
      documents: false,
      window: true,
    });
  });

  it('sends staff to the console and everyone else home', () => {
    expect(homeOf(principal({ kind: 'staff', staffRoles: ['reviewer'] }))).toBe('/staff');
    expect(homeOf(principal({ kind: 'window' }))).toBe('/staff');
    expect(homeOf(principal({ kind: 'enterprise' }))).toBe('/');
    expect(usesConsole(principal({ kind: 'auditor' }))).toBe(false);
    expect(usesConsole(null)).toBe(false);
  });
});
