import { scopeKeysOf, writeRefusal, type WriteTarget } from '../../../../lib/inventory/write-refusal';
import type { Principal } from '../../../../lib/principal';

/** Jena: a kreisfreie Stadt in Thüringen (Land 16), current. */
const jena: WriteTarget = {
  key: '16053000',
  level: 'gemeinde',
  landKey: '16',
  rbKey: null,
  kreisKey: '16053',
  verbandKey: null,
  isCurrent: true,
  successorKey: null,
};

function principal(role: Principal['role'], scopes: string[] = []): Principal {
  return { kind: 'token', id: '1', name: 'test', role, scopes };
}

describe('scopeKeysOf', () => {
  it('lists the region’s key and its ancestors’ keys, without the missing ones', () => {
    expect(scopeKeysOf(jena)).toEqual(['16053000', '16', '16053']);
  });
});

describe('writeRefusal', () => {
  it('lets an admin and an editor scoped to the municipality, its Kreis or its Land write', () => {
    expect(writeRefusal(principal('admin'), jena)).toBe(null);
    expect(writeRefusal(principal('editor', ['16053000']), jena)).toBe(null);
    expect(writeRefusal(principal('editor', ['09162', '16053']), jena)).toBe(null);
    expect(writeRefusal(principal('editor', ['16']), jena)).toBe(null);
  });

  it('refuses a reader and an editor scoped elsewhere', () => {
    expect(writeRefusal(principal('reader'), jena)).toEqual({ refused: 'read-only' });
    expect(writeRefusal(principal('editor', ['09', '1605']), jena)).toEqual({
      refused: 'outside-scope',
      scopes: ['09', '1605'],
    });
  });

  it('refuses a retired municipality, naming the mapped successor', () => {
    const retired = { ...jena, key: '16063097', kreisKey: '16063', isCurrent: false, successorKey: '16063098' };
    expect(writeRefusal(principal('admin'), retired)).toEqual({ refused: 'retired', successorKey: '16063098' });
    expect(writeRefusal(principal('admin'), { ...retired, successorKey: null })).toEqual({
      refused: 'retired',
      successorKey: null,
    });
  });

  it('refuses a region that holds no inventory, even to an admin', () => {
    expect(writeRefusal(principal('admin'), { ...jena, key: '16', level: 'land', kreisKey: null })).toEqual({
      refused: 'not-municipal',
    });
  });

  it('answers in the API’s order: no municipality, then role and scope, then retired', () => {
    const land = { ...jena, key: '16', level: 'land' as const, isCurrent: false };
    expect(writeRefusal(principal('reader'), land)).toEqual({ refused: 'not-municipal' });
    expect(writeRefusal(principal('reader'), { ...jena, isCurrent: false })).toEqual({ refused: 'read-only' });
  });
});
