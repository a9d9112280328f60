import { assertMayAssign, mayManage, scopeWithin } from '../../services/user-admin.service';
import { landingPath, scopeHomes } from '../../server/web/views/users-home';
import type { Principal } from '../../lib/principal';

const editor = (scopes: string[], id = '1'): Principal => ({
  kind: 'user',
  id,
  name: 'user:e',
  role: 'editor',
  scopes,
});

describe('what lies within an editor area', () => {
  it.each([
    ['16053000', '16053', true], // Jena in the Kreis key of Jena
    ['16053000', '16', true], // … and in Thüringen
    ['16066001', '160', true], // a 3-digit (Regierungsbezirk) key contains what starts with it
    ['09184112', '091', true], // Garching in Regierungsbezirk Oberbayern
    ['16053', '16053000', false], // the Kreis is not within one of its municipalities
    ['16', '16', true],
    ['091845132', '091845132', true], // a Gemeindeverband contains itself …
    ['09184132', '091845132', false], // … but its members' AGS do not start with its key
    ['17', '1', false],
  ])('%s within %s: %s', (scope, outer, expected) => {
    expect(scopeWithin(scope, outer)).toBe(expected);
  });

  it('lets an editor manage only editors entirely within the area, never themselves', () => {
    const kreis = editor(['16066']);
    expect(mayManage(kreis, { id: 2, role: 'editor', scopes: ['16066001', '16066002'] })).toBe(true);
    expect(mayManage(kreis, { id: 2, role: 'editor', scopes: ['16066001', '16053000'] })).toBe(false);
    expect(mayManage(kreis, { id: 2, role: 'reader', scopes: [] })).toBe(false);
    expect(mayManage(kreis, { id: 1, role: 'editor', scopes: ['16066001'] })).toBe(false);
    expect(() => assertMayAssign(kreis, 'editor', ['16066001'])).not.toThrow();
    expect(() => assertMayAssign(kreis, 'editor', [])).toThrow(/innerhalb Ihres eigenen Bereichs/);
    expect(() => assertMayAssign(kreis, 'admin', [])).toThrow(/innerhalb Ihres eigenen Bereichs/);
  });
});

describe('meine Kommune', () => {
  it('lands an editor of one area on its page, everyone else on the start page', () => {
    expect(landingPath(['16053000'])).toBe('/kommunen/16053000');
    expect(landingPath(['091845132'])).toBe('/kommunen/091845132');
    expect(landingPath(['16066'])).toBe('/gebiete/16066');
    expect(landingPath(['16'])).toBe('/gebiete/16');
    expect(landingPath(['16', '09'])).toBe('/');
    expect(landingPath([])).toBe('/');
  });

  it('labels the header links by level, or by key when there are several', () => {
    expect(scopeHomes(['16066'])).toEqual([{ href: '/gebiete/16066', label: 'Mein Kreis' }]);
    expect(scopeHomes(['16053000', '16066'])).toEqual([
      { href: '/kommunen/16053000', label: 'Mein Bereich 16053000' },
      { href: '/gebiete/16066', label: 'Mein Bereich 16066' },
    ]);
  });
});
