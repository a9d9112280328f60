import { isFormulaLike, neutraliseText } from '../../../reports/export/neutralise';
import { searchKey } from '../../../lib/text';
import { nameProblem, normaliseName, textProblem } from '../../../lib/unicode';
import { MAX_DEPTH_KEYWORD, toFieldProblems, validatorFor } from '../../../lib/validation';
import { jsonNestingDepth } from '../../../server/http/json-body';
import { firstInvalidUtf8Byte } from '../../../lib/unicode';

/** `[[[ … "x" … ]]]` nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('validatorFor: depth (issue 12, finding 3)', () => {
  const free = { type: 'array' };

  it('walks a value nested 100,000 levels without recursion and refuses it, naming the limit', () => {
    const check = validatorFor(free);
    expect(check(nested(100_000))).toBe(false);
    expect(check.errors).toHaveLength(1);
    expect(check.errors?.[0]).toMatchObject({ keyword: MAX_DEPTH_KEYWORD, params: { limit: 64 } });
    const [problem] = toFieldProblems(check.errors ?? [], 'body');
    expect(problem.detail).toBe('ist tiefer verschachtelt als erlaubt (höchstens 64 Ebenen)');
    // The first array below the limit: 64 levels of `/0`.
    expect(problem.pointer).toBe(`#${'/0'.repeat(64)}`);
  });

  it('accepts 64 levels and refuses 65', () => {
    const check = validatorFor(free);
    // nested(64) is 64 arrays around a string: depths 0…63.
    expect(check(nested(64))).toBe(true);
    expect(check(nested(65))).toBe(false);
  });
});

describe('validatorFor: characters and names (issue 12, finding 10)', () => {
  const schema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', maxLength: 12 },
      shortName: { type: 'string' },
      note: { type: 'string' },
    },
  };

  it('NFKC-normalises names in place, before maxLength counts them', () => {
    const check = validatorFor(schema);
    const value = { name: 'Ｍüller＝IT', shortName: 'ＡＢＣ', note: 'Fläche 20 m²' };
    expect(check(value)).toBe(true);
    expect(value).toEqual({ name: 'Müller=IT', shortName: 'ABC', note: 'Fläche 20 m²' });
  });

  it('refuses bidi controls everywhere and other invisible format characters in names', () => {
    const check = validatorFor(schema);
    expect(check({ name: 'Evil\u202Etxt.exe', note: 'ok\u2066x\u2069' })).toBe(false);
    const problems = toFieldProblems(check.errors ?? [], 'body');
    expect(problems).toEqual([
      { pointer: '#/name', detail: expect.stringMatching(/Schreibrichtung/) },
      { pointer: '#/note', detail: expect.stringMatching(/Schreibrichtung/) },
    ]);
    expect(check({ name: 'Mül\u200Bler', note: 'weiches Trenn\u00ADzeichen im Text ist erlaubt' })).toBe(false);
    expect(toFieldProblems(check.errors ?? [], 'body')).toEqual([
      { pointer: '#/name', detail: expect.stringMatching(/unsichtbare Formatzeichen/) },
    ]);
    expect(check({ note: 'Kosten 500 \u0080' })).toBe(false);
    expect(toFieldProblems(check.errors ?? [], 'body')[0].detail).toMatch(/C1-Steuerzeichen/);
  });

  it('keeps the rules in lib/unicode.ts', () => {
    expect(textProblem('Zeile 1\r\nZeile 2\tTab')).toBeUndefined();
    expect(textProblem('a\u0000')).toMatch(/Steuerzeichen/);
    expect(nameProblem('Müller & Söhne „Digital“ GmbH – €')).toBeUndefined();
    expect(nameProblem('\uFEFFMüller')).toMatch(/Formatzeichen/);
    expect(normaliseName('ﬁrma ＝1+1')).toBe('firma =1+1');
    expect(searchKey('Ｍüller')).toBe(searchKey('Müller'));
  });
});

describe('JSON body checks on the raw bytes (issue 12, findings 3 and 6)', () => {
  it('counts nesting outside strings and stops past the limit', () => {
    expect(jsonNestingDepth(Buffer.from('{"a":[1,{"b":"[[[{{{"}]}'), 64)).toBe(3);
    expect(jsonNestingDepth(Buffer.from('["\\"[[["]'), 64)).toBe(1);
    expect(jsonNestingDepth(Buffer.from('['.repeat(100_000)), 64)).toBe(65);
  });

  it('finds the first byte that is no valid UTF-8', () => {
    expect(firstInvalidUtf8Byte(Buffer.from('{"name":"Müller"}'))).toBe(-1);
    expect(firstInvalidUtf8Byte(Buffer.from([0x7b, 0x22, 0xc3, 0xbc, 0xfc, 0x22]))).toBe(4);
    // Overlong "/" and a UTF-16 surrogate encoded as UTF-8 are invalid too.
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8Byte(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
  });
});

describe('export formula neutralisation after NFKC (issue 12, finding 10)', () => {
  it('neutralises a full-width ＝ or ＋ start like = and +, and leaves plain text alone', () => {
    expect(neutraliseText('＝HYPERLINK("http://x")')).toBe('\'＝HYPERLINK("http://x")');
    expect(neutraliseText('＋1+1')).toBe("'＋1+1");
    expect(neutraliseText('=1+1')).toBe("'=1+1");
    expect(neutraliseText('Ärzte')).toBe('Ärzte');
    expect(isFormulaLike('－3')).toBe(false);
    expect(isFormulaLike('－3+A1')).toBe(true);
  });
});
