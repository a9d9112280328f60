import {
  cleanText,
  endsBeforeStart,
  recordRuleProblems,
  recordValues,
  servesMembersProblem,
} from '../../../../lib/inventory/record-rules';

describe('cleanText', () => {
  it('trims and turns empty text into null', () => {
    expect(cleanText('  Formcycle ')).toBe('Formcycle');
    expect(cleanText('   ')).toBe(null);
    expect(cleanText('')).toBe(null);
    expect(cleanText(undefined)).toBe(null);
    expect(cleanText(null)).toBe(null);
  });
});

describe('recordValues', () => {
  const operator = { id: 3, name: 'ekom21', type: 'municipal-provider' };

  it('cleans text and fills missing values', () => {
    expect(recordValues({ status: 'in-use', operator, product: ' Form-Solutions ', note: '' })).toEqual({
      status: 'in-use',
      operator,
      product: 'Form-Solutions',
      validFrom: null,
      validTo: null,
      note: null,
      servesMembers: false,
    });
  });

  it('drops operator and product of a component not used, but keeps dates and note', () => {
    expect(
      recordValues({
        status: 'not-used',
        operator,
        product: 'Form-Solutions',
        validFrom: '2023-05-01',
        note: ' abgelöst ',
        servesMembers: true,
      }),
    ).toEqual({
      status: 'not-used',
      operator: null,
      product: null,
      validFrom: '2023-05-01',
      validTo: null,
      note: 'abgelöst',
      servesMembers: true,
    });
  });
});

describe('servesMembersProblem', () => {
  it('allows serving the members only to a Landkreis', () => {
    expect(servesMembersProblem('kreis', true)).toBe(null);
    expect(servesMembersProblem('gemeinde', false)).toBe(null);
    expect(servesMembersProblem('gemeindeverband', true)).toBe(
      'nur bei einem Landkreis: er betreibt die Komponente dann auch für seine Gemeinden',
    );
  });
});

describe('endsBeforeStart and recordRuleProblems', () => {
  it('refuses an end before the start and nothing else', () => {
    expect(endsBeforeStart('2024-03-01', '2024-02-29')).toBe(true);
    expect(endsBeforeStart('2024-03-01', '2024-03-01')).toBe(false);
    expect(endsBeforeStart(null, '2024-02-29')).toBe(false);
    expect(endsBeforeStart('2024-03-01', undefined)).toBe(false);
    expect(recordRuleProblems({ validFrom: '2024-03-01', validTo: '2023-12-31' }, '#/components/2')).toEqual([
      { pointer: '#/components/2/validTo', detail: 'darf nicht vor validFrom liegen' },
    ]);
    expect(recordRuleProblems({ validFrom: '2024-03-01', validTo: '2024-12-31' }, '#')).toEqual([]);
  });
});
