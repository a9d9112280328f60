import { toFieldProblems, validatorFor } from '../../../lib/validation';

describe('validatorFor', () => {
  const schema = {
    type: 'object',
    additionalProperties: false,
    properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
  };

  it('refuses control characters in every string, together with the schema errors', () => {
    const check = validatorFor(schema);
    expect(check({ name: 'Ämter\tund\r\nZeilen' })).toBe(true);
    expect(check.errors).toBeNull();
    expect(check({ name: 'a\u0000b', tags: ['ok', 'x\u001fy', 3] })).toBe(false);
    const problems = toFieldProblems(check.errors ?? [], 'body');
    expect(problems.map((p) => p.pointer).sort()).toEqual(['#/name', '#/tags/1', '#/tags/2']);
    expect(problems.find((p) => p.pointer === '#/name')?.detail).toMatch(/Steuerzeichen/);
  });

  it('names the query parameter that holds one', () => {
    const check = validatorFor({ type: 'object', properties: { q: { type: 'string' } } });
    expect(check({ q: '\u0000' })).toBe(false);
    expect(toFieldProblems(check.errors ?? [], 'query')).toEqual([{ parameter: 'q', detail: expect.any(String) }]);
  });
});
