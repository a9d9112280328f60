import { operatorSnapshot } from '../../../../lib/inventory/operator-snapshot';

describe('operatorSnapshot', () => {
  it('keeps the natural fields of a stored operator, in the audit log’s order', () => {
    const stored = {
      id: 12,
      name: 'Kommunale Informationsverarbeitung Thüringen GmbH',
      nameKey: 'kommunale informationsverarbeitung thueringen gmbh',
      shortName: 'KIV',
      type: 'municipal-provider',
      website: 'https://www.kiv.de',
      landKeys: ['16'],
      note: null,
      origin: 'reference',
    };
    expect(JSON.stringify(operatorSnapshot(stored))).toBe(
      '{"name":"Kommunale Informationsverarbeitung Thüringen GmbH","shortName":"KIV","type":"municipal-provider",' +
        '"website":"https://www.kiv.de","landKeys":["16"],"note":null}',
    );
  });

  it('fills what an operator planned by an import does not have', () => {
    const planned = { name: 'Neue IT GmbH', nameKey: 'neue it gmbh', type: 'private-provider', row: 4 };
    expect(operatorSnapshot(planned)).toEqual({
      name: 'Neue IT GmbH',
      shortName: null,
      type: 'private-provider',
      website: null,
      landKeys: [],
      note: null,
    });
  });
});
