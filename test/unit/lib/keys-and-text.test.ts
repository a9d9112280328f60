import { agsFromArs, candidateKeysForArs, isRegionKeyOrArs, levelOfKey } from '../../../lib/keys';
import { escapeLike, searchKey } from '../../../lib/text';

describe('regional keys', () => {
  it('tells the level from the key length', () => {
    expect(levelOfKey('09')).toBe('land');
    expect(levelOfKey('091')).toBe('regierungsbezirk');
    expect(levelOfKey('09162')).toBe('kreis');
    expect(levelOfKey('09162000')).toBe('gemeinde');
    expect(levelOfKey('072325006')).toBe('gemeindeverband');
    expect(levelOfKey('0916200')).toBeUndefined();
    expect(levelOfKey('0916200x')).toBeUndefined();
    expect(isRegionKeyOrArs('091620000000')).toBe(true);
  });

  it('derives the AGS from an ARS and the padded higher-level candidates', () => {
    expect(agsFromArs('072325006001')).toBe('07232001');
    expect(candidateKeysForArs('091840000000')).toEqual(['091840000', '09184']);
    expect(candidateKeysForArs('090000000000')).toEqual(['090000000', '09000', '090', '09']);
  });
});

describe('searchKey', () => {
  it('folds case, umlauts, ß and other diacritics', () => {
    expect(searchKey('Münster')).toBe(searchKey('MUENSTER'));
    expect(searchKey('Großenhain')).toBe('grossenhain');
    expect(searchKey('  Cölbe  an der   Lahn ')).toBe('coelbe an der lahn');
    expect(searchKey('Château-Salins')).toBe('chateau-salins');
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
