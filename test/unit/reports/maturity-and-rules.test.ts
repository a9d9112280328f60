/** The pure rules behind the gap reports: maturity arithmetic, responsibility rules, attainable levels. */
import { checkMaturity, convertLevel, overallLevel, parseTarget } from '../../../lib/maturity';
import { attainableLevel } from '../../../lib/attainable';
import { needsEid } from '../../../lib/component-caps';
import { RuleIndex, typCodes, type RuleRow } from '../../../services/responsibility-rules';

const rule = (
  id: number,
  scope: { leistungsschluessel?: string; ozgScope?: number; typ?: string; landKey?: string },
  level: RuleRow['level'],
  taskGroup = '',
): RuleRow => ({ id, leistungsschluessel: '', ozgScope: 0, typ: '', landKey: '', ...scope, level, taskGroup });

const RULES = new RuleIndex([
  rule(1, { typ: '1' }, 'bund'),
  rule(2, { typ: '2' }, 'land'),
  rule(3, { typ: '2/3' }, 'unbekannt'),
  rule(4, { typ: '5' }, 'gemeinde', 'selbstverwaltung'),
  rule(5, { ozgScope: 10294 }, 'kreis', 'kreis-sonstige'),
  rule(6, { leistungsschluessel: '99050012104000' }, 'gemeinde', 'ordnung'),
  rule(7, { ozgScope: 10000 }, 'kreis', 'soziales'),
  rule(8, { ozgScope: 10000, landKey: '09' }, 'land'),
  rule(9, { typ: '2/3', landKey: '09' }, 'kreis', 'kreis-sonstige'),
]);
const leistung = (schluessel: string, ozgId: number, typisierung: string | null = '2/3') => ({
  schluessel,
  ozgId,
  typisierung,
});

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

  it('takes a Leistungsschlüssel rule before its OZG-Leistung rule (Gewerbeanzeige in 10294)', () => {
    expect(RULES.decide(leistung('99050012104000', 10294), '05')).toEqual({
      level: 'gemeinde',
      taskGroup: 'ordnung',
      source: 'regel',
      ruleId: 6,
    });
    expect(RULES.decide(leistung('99050012001000', 10294), '05')).toMatchObject({ level: 'kreis', ruleId: 5 });
  });

  it("takes a Land's exception before the general rule (Elterngeld in Bayern: ZBFS)", () => {
    expect(RULES.decide(leistung('99011001000000', 10000), '09')).toMatchObject({ level: 'land', ruleId: 8 });
    expect(RULES.decide(leistung('99011001000000', 10000), '05')).toMatchObject({ level: 'kreis', ruleId: 7 });
  });

  it('falls back to the Typ only where no Leistung or OZG rule says, a Land Typ rule before the general one', () => {
    expect(RULES.decide(leistung('99001001000000', 10999), '05')).toEqual({
      level: 'unbekannt',
      taskGroup: '',
      source: 'typisierung',
      ruleId: 3,
    });
    expect(RULES.decide(leistung('99001001000000', 10999), '09')).toMatchObject({ level: 'kreis', ruleId: 9 });
  });

  it('gives a mixed Typisierung the most local level of its parts, and unknown Typen no level', () => {
    expect(RULES.decide(leistung('1', 10999, '1, 5'), '05').level).toBe('gemeinde');
    expect(RULES.decide(leistung('1', 10999, '1, 2'), '05').level).toBe('land');
    expect(RULES.decide(leistung('1', 10999, '6'), '05')).toMatchObject({ level: 'unbekannt', ruleId: null });
    expect(RULES.decide(leistung('1', 10999, null), '05').level).toBe('unbekannt');
  });
});

describe('attainable maturity', () => {
  const ALL = ['form-server', 'service-account', 'eid', 'epayment', 'mailbox'];
  /** A unit whose data record `inUse` as in use and every other cap-table component as not in use. */
  const known = (...inUse: string[]) => ({
    inUse: new Set(inUse),
    notInUse: new Set(ALL.filter((c) => !inUse.includes(c))),
  });

  it('reaches the model maximum with every component', () => {
    expect(attainableLevel('RGM-1.1', known(...ALL), { vertrauensniveau: '30', feeBearing: true })).toEqual({
      level: 4,
      worstCase: 4,
      caps: [],
    });
  });

  it('is capped by the lowest criterion whose components the data record as missing', () => {
    const result = attainableLevel('RGM-1.1', known('form-server', 'epayment', 'mailbox'), {
      vertrauensniveau: '20',
      feeBearing: true,
    });
    expect(result.level).toBe(2);
    expect(result.caps.map((c) => [c.criterion, c.status])).toEqual([['nutzerkonto', 'missing']]);
    expect(attainableLevel('RGM-1.1', known(), { vertrauensniveau: '20', feeBearing: false }).level).toBe(1);
  });

  it('tells no data from missing: a unit without records is not capped, only its worst case is', () => {
    const nothing = { inUse: new Set<string>(), notInUse: new Set<string>() };
    const result = attainableLevel('RGM-1.1', nothing, { vertrauensniveau: '20', feeBearing: false });
    // Hand-checked: Online-Antrag (cap 1), Nutzerkonto (2), Rückkanal (3) apply; none is recorded.
    expect(result.level).toBe(4);
    expect(result.worstCase).toBe(1);
    expect(result.caps.map((c) => [c.criterion, c.status])).toEqual([
      ['antragsprozess', 'no-data'],
      ['nutzerkonto', 'no-data'],
      ['rueckkanal', 'no-data'],
    ]);
    // A record with status "unknown" is no data either: the caller leaves it out of both sets.
  });

  it('needs ePayment only for a fee; an unknown fee is named, never assumed', () => {
    const noPay = known('form-server', 'service-account', 'eid', 'mailbox');
    expect(attainableLevel('RGM-1.1', noPay, { vertrauensniveau: '20', feeBearing: false }).level).toBe(4);
    expect(attainableLevel('RGM-1.1', noPay, { vertrauensniveau: '20', feeBearing: true }).level).toBe(2);
    const unknownFee = attainableLevel('RGM-1.1', noPay, { vertrauensniveau: '20', feeBearing: null });
    expect(unknownFee.level).toBe(4);
    expect(unknownFee.worstCase).toBe(2);
    expect(unknownFee.caps).toEqual([
      expect.objectContaining({ criterion: 'bezahlprozess', status: 'requirement-unknown', unknownRequirement: 'fee' }),
    ]);
  });

  it('needs an eID for Vertrauensniveau substantiell or hoch: a free Leistung at "hoch" without eID is capped by authentication alone', () => {
    // The online Wohnsitzanmeldung: free of charge (BMG § 24 Abs. 2), Vertrauensniveau hoch (BMG § 23a).
    const noEidNoPay = known('form-server', 'service-account', 'mailbox');
    const wohnsitz = attainableLevel('RGM-1.1', noEidNoPay, { vertrauensniveau: 'hoch', feeBearing: false });
    expect(wohnsitz.level).toBe(2);
    expect(wohnsitz.caps.map((c) => [c.criterion, c.status])).toEqual([['authentifizierung', 'missing']]);
    expect(attainableLevel('RGM-1.1', noEidNoPay, { vertrauensniveau: '40', feeBearing: false }).level).toBe(2);
    const unknownTrust = attainableLevel('RGM-1.1', noEidNoPay, { vertrauensniveau: null, feeBearing: false });
    expect(unknownTrust.level).toBe(4);
    expect(unknownTrust.caps[0]).toMatchObject({
      criterion: 'authentifizierung',
      unknownRequirement: 'vertrauensniveau',
    });
    expect(needsEid('basisregistrierung')).toBe(false);
    expect(needsEid(null)).toBeNull();
  });

  it("does not count De-Mail as the return channel (OZG 2.0: the account's Postfach)", () => {
    const deMailOnly = known('form-server', 'service-account', 'eid', 'epayment', 'de-mail');
    expect(attainableLevel('RGM-1.1', deMailOnly, { vertrauensniveau: '20', feeBearing: true }).level).toBe(3);
    const withMailbox = known(...ALL);
    expect(attainableLevel('RGM-1.1', withMailbox, { vertrauensniveau: '20', feeBearing: true }).level).toBe(4);
  });
});
