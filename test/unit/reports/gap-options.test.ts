import { DEFAULT_TARGET } from '../../../lib/maturity';
import { BadRequestError } from '../../../lib/errors';
import { parseGapOptions, targetFromText } from '../../../reports/gaps/options';

const catalogue = {
  themenfelder: [{ value: '3', label: 'Familie & Kind' }],
  lebenslagen: [{ value: '12', label: 'Geburt' }],
  fokusCount: 0,
};

describe('the gap report options, parsed once for API, CLI and pages', () => {
  it('turns the options into a target and a catalogue filter', () => {
    expect(parseGapOptions({ target: 'RGM-2.0:4', themenfeld: '3', ozgId: '10119', efa: false })).toEqual({
      target: { model: 'RGM-2.0', level: 4 },
      filter: { themenfeld: '3', ozgId: 10119, efa: false },
      problems: [],
    });
    // Empty texts are "no filter"; a number (the API's) is an OZG-ID as well as its text.
    expect(parseGapOptions({ target: '', themenfeld: '', ozgId: 42, fokus: true })).toEqual({
      target: DEFAULT_TARGET,
      filter: { ozgId: 42, fokus: true },
      problems: [],
    });
  });

  it('refuses level 0 only where a real target is required', () => {
    expect(parseGapOptions({ target: '0' }, { allowLevelZero: true }).problems).toEqual([]);
    expect(parseGapOptions({ target: '0' }).problems).toEqual([{ field: 'target', kind: 'no-target', value: '0' }]);
    const bad = parseGapOptions({ target: 'RGM-1.1:5' });
    expect(bad.problems).toEqual([{ field: 'target', kind: 'malformed', value: 'RGM-1.1:5' }]);
    expect(bad.target).toEqual(DEFAULT_TARGET);
  });

  it('checks OZG-IDs and, given the catalogue, Themenfeld, Lebenslage and Fokus; invalid parts leave the filter', () => {
    const parsed = parseGapOptions(
      { target: 'hoch', themenfeld: 'Raumfahrt', lebenslage: '12', ozgId: '0', fokus: true },
      { catalogue },
    );
    expect(parsed.problems.map((p) => `${p.field}:${p.kind}`)).toEqual([
      'target:malformed',
      'themenfeld:unknown',
      'fokus:none-marked',
      'ozgId:malformed',
    ]);
    expect(parsed.filter).toEqual({ lebenslage: '12' });
    expect(parseGapOptions({ ozgId: '1234567890' }).problems).toHaveLength(1);
  });

  it('reads the target a worker request carries as text, refusing a hand-made one with a 400 on `target`', () => {
    expect(targetFromText('RGM-1.1:3')).toEqual(DEFAULT_TARGET);
    expect(() => targetFromText('9')).toThrow(BadRequestError);
  });
});
