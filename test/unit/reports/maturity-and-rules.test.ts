/** The pure rules behind the gap reports: maturity arithmetic, responsibility rules, attainable levels. */
import { checkMaturity, convertLevel, overallLevel, parseTarget } from '../../../lib/maturity';
import { attainableLevel } from '../../../lib/attainable';
import { decideByRules, typCodes, type RuleRow } from '../../../services/responsibility.service';

const RULES: RuleRow[] = [
  { id: 1, typ: '1', landKey: '', ozgId: null, level: 'bund' },
  { id: 2, typ: '2', landKey: '', ozgId: null, level: 'land' },
  { id: 3, typ: '2/3', landKey: '', ozgId: null, level: 'kreis' },
  { id: 4, typ: '5', landKey: '', ozgId: null, level: 'gemeinde' },
  { id: 5, typ: '2/3', landKey: '', ozgId: 10119, level: 'gemeinde' },
  { id: 6, typ: '2/3', landKey: '09', ozgId: null, level: 'gemeinde' },
  { id: 7, typ: '2/3', landKey: '09', ozgId: 10119, level: 'kreis' },
];

describe('maturity', () => {
  it('takes the lowest criterion as the overall level and refuses a level above it', () => {
    expect(overallLevel({ nutzerkonto: 3, bezahlprozess: 2, antragsprozess: 4 })).toBe(2);
    expect(checkMaturity({ model: 'RGM-1.1', criteria: { nutzerkonto: 3, bezahlprozess: 2 } })).toEqual({
      level: 2,
      problems: [],
    });
    expect(checkMaturity({ model: 'RGM-1.1', level: 3, criteria: { bezahlprozess: 2 } }).problems[0].field).toBe(
      'level',
    );
    expect(checkMaturity({ model: 'RGM-1.1', level: 5 }).problems[0].detail).toMatch(/0 bis 4/);
    expect(checkMaturity({ model: 'RGM-2.0', level: 7 })).toEqual({ level: 7, problems: [] });
  });

  it('converts between the two models and reads targets', () => {
    expect(convertLevel(6, 'RGM-2.0', 'RGM-1.1')).toBe(4);
    expect(convertLevel(4, 'RGM-2.0', 'RGM-1.1')).toBe(3);
    expect(convertLevel(3, 'RGM-1.1', 'RGM-2.0')).toBe(3);
    expect(parseTarget(undefined)).toEqual({ model: 'RGM-1.1', level: 3 });
    expect(parseTarget('RGM-2.0:6')).toEqual({ model: 'RGM-2.0', level: 6 });
    expect(parseTarget('4')).toEqual({ model: 'RGM-1.1', level: 4 });
    expect(parseTarget('RGM-1.1:5')).toBeUndefined();
    expect(parseTarget('hoch')).toBeUndefined();
  });
});

describe('responsibility rules', () => {
  it('reads Typ codes as written', () => {
    expect(typCodes('2/3')).toEqual(['2/3']);
    expect(typCodes('1, 2/3')).toEqual(['1', '2/3']);
    expect(typCodes('4a')).toEqual(['4']);
    expect(typCodes('')).toEqual([]);
    expect(typCodes(null)).toEqual([]);
  });

  it('takes the most specific rule: OZG-Leistung and Land beat Typ', () => {
    expect(decideByRules(RULES, { typisierung: '2/3', ozgId: 10001 }, '05')).toEqual({
      level: 'kreis',
      source: 'typisierung',
      ruleId: 3,
    });
    expect(decideByRules(RULES, { typisierung: '2/3', ozgId: 10119 }, '05')).toMatchObject({
      level: 'gemeinde',
      ruleId: 5,
      source: 'regel',
    });
    expect(decideByRules(RULES, { typisierung: '2/3', ozgId: 10001 }, '09')).toMatchObject({
      level: 'gemeinde',
      ruleId: 6,
    });
    expect(decideByRules(RULES, { typisierung: '2/3', ozgId: 10119 }, '09')).toMatchObject({
      level: 'kreis',
      ruleId: 7,
    });
  });

  it('gives a mixed Typisierung the most local level of its parts, and unknown Typen no level', () => {
    expect(decideByRules(RULES, { typisierung: '1, 2/3', ozgId: 10001 }, '05').level).toBe('kreis');
    expect(decideByRules(RULES, { typisierung: '1, 2', ozgId: 10001 }, '05').level).toBe('land');
    expect(decideByRules(RULES, { typisierung: '6', ozgId: 10001 }, '05').level).toBe('unbekannt');
    expect(decideByRules(RULES, { typisierung: null, ozgId: 10001 }, '05').level).toBe('unbekannt');
  });
});

describe('attainable maturity', () => {
  const all = new Set(['form-server', 'service-account', 'eid', 'epayment', 'mailbox']);
  it('reaches the model maximum with every component', () => {
    expect(attainableLevel('RGM-1.1', all, { vertrauensniveau: '30', feeBearing: true })).toEqual({
      level: 4,
      caps: [],
    });
  });

  it('is capped by the lowest missing criterion', () => {
    const noAccount = new Set(['form-server', 'epayment', 'mailbox']);
    const result = attainableLevel('RGM-1.1', noAccount, { vertrauensniveau: null, feeBearing: true });
    expect(result.level).toBe(2);
    expect(result.caps.map((c) => c.criterion)).toEqual(['nutzerkonto']);
    expect(attainableLevel('RGM-1.1', new Set(), { vertrauensniveau: null, feeBearing: false }).level).toBe(1);
  });

  it('needs ePayment only for fee-bearing Leistungen (unknown fee: assumed) and eID only where the Vertrauensniveau requires it', () => {
    const noPayNoEid = new Set(['form-server', 'service-account', 'mailbox']);
    expect(attainableLevel('RGM-1.1', noPayNoEid, { vertrauensniveau: null, feeBearing: false }).level).toBe(4);
    const unknownFee = attainableLevel('RGM-1.1', noPayNoEid, { vertrauensniveau: null, feeBearing: null });
    expect(unknownFee.level).toBe(2);
    expect(unknownFee.caps[0]).toMatchObject({ criterion: 'bezahlprozess', assumed: true });
    expect(
      attainableLevel('RGM-1.1', noPayNoEid, { vertrauensniveau: '30', feeBearing: false }).caps[0].criterion,
    ).toBe('authentifizierung');
  });

  it('lets De-Mail stand in for the Verwaltungspostfach as return channel', () => {
    const withDeMail = new Set(['form-server', 'service-account', 'epayment', 'de-mail']);
    expect(attainableLevel('RGM-1.1', withDeMail, { vertrauensniveau: null, feeBearing: true }).level).toBe(4);
    const without = new Set(['form-server', 'service-account', 'epayment']);
    expect(attainableLevel('RGM-1.1', without, { vertrauensniveau: null, feeBearing: true }).level).toBe(3);
  });
});
