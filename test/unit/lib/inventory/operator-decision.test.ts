import * as decision from '../../../../lib/inventory/operator-decision';

const jena = { name: 'Jena', key: '16053000' };

describe('ownItOperatorName', () => {
  it('names the municipality and its key, so it is unique', () => {
    expect(decision.ownItOperatorName(jena)).toBe('Eigene IT: Jena (16053000)');
  });
});

describe('referencedOperatorName', () => {
  const ownIt = () => decision.ownItOperatorName(jena);

  it('uses the given name, trimmed, whatever the type', () => {
    expect(decision.referencedOperatorName({ name: '  KIV Thüringen ', type: 'own-it' }, ownIt)).toBe('KIV Thüringen');
  });

  it('stands for the own IT department when own-it has no name', () => {
    expect(decision.referencedOperatorName({ type: 'own-it' }, ownIt)).toBe('Eigene IT: Jena (16053000)');
    expect(decision.referencedOperatorName({ name: '  ', type: 'own-it' }, ownIt)).toBe('Eigene IT: Jena (16053000)');
  });

  it('is null when any other reference lacks a name, without asking for the own IT name', () => {
    const never = () => {
      throw new Error('asked');
    };
    expect(decision.referencedOperatorName({ name: null, type: 'private-provider' }, never)).toBe(null);
    expect(decision.referencedOperatorName({}, never)).toBe(null);
  });
});

describe('knownOperatorRefusal', () => {
  const kiv = { name: 'KIV Thüringen', type: 'municipal-provider' };

  it('accepts a known operator without a type or with its own type', () => {
    expect(decision.knownOperatorRefusal(kiv, null)).toBe(null);
    expect(decision.knownOperatorRefusal(kiv, 'municipal-provider')).toBe(null);
  });

  it('refuses another type, worded with the stored type’s label', () => {
    const refusal = decision.knownOperatorRefusal(kiv, 'private-provider');
    expect(refusal).toEqual({ refused: 'type-mismatch', field: 'type', operator: kiv, given: 'private-provider' });
    expect(decision.operatorRefusalDetail(refusal!)).toBe(
      'KIV Thüringen ist als „kommunaler IT-Dienstleister“ (municipal-provider) erfasst, nicht als private-provider',
    );
  });
});

describe('checksNearMatches', () => {
  it('compares new names unless confirmed or an own IT department', () => {
    expect(decision.checksNearMatches({ name: 'KIV', type: 'municipal-provider' })).toBe(true);
    expect(decision.checksNearMatches({ name: 'KIV' })).toBe(true);
    expect(decision.checksNearMatches({ name: 'KIV', createNew: true })).toBe(false);
    expect(decision.checksNearMatches({ name: 'IT Jena', type: 'own-it' })).toBe(false);
  });
});

describe('newOperatorRefusal', () => {
  it('refuses a name that resembles stored operators first, then a missing type', () => {
    expect(decision.newOperatorRefusal('KIV', null, ['KIV Thüringen'])).toEqual({
      refused: 'resembles',
      field: 'name',
      name: 'KIV',
      matches: ['KIV Thüringen'],
    });
    const missing = decision.newOperatorRefusal('Neue IT GmbH', undefined, []);
    expect(missing).toEqual({ refused: 'type-missing', field: 'type', name: 'Neue IT GmbH' });
    expect(decision.operatorRefusalDetail(missing as decision.WordedOperatorRefusal)).toBe(
      'Betreiber „Neue IT GmbH“ ist noch nicht erfasst; für einen neuen Betreiber bitte den Typ angeben',
    );
  });

  it('lets a typed name that resembles nothing become a new operator', () => {
    expect(decision.newOperatorRefusal('Neue IT GmbH', 'private-provider', [])).toBe(null);
  });

  it('words a missing name', () => {
    expect(decision.operatorRefusalDetail({ refused: 'name-missing', field: 'name' })).toBe(
      'Betreibername fehlt (nur bei Typ own-it darf er fehlen)',
    );
  });
});
