import { assertPrecondition, entityTag } from '../../../lib/concurrency';
import { PreconditionFailedError, PreconditionRequiredError } from '../../../lib/errors';

describe('entityTag', () => {
  it('is strong, stable for equal content and changes with content', () => {
    expect(entityTag({ a: 1, b: [2, 3] })).toBe(entityTag({ a: 1, b: [2, 3] }));
    expect(entityTag({ a: 1 })).not.toBe(entityTag({ a: 2 }));
    expect(entityTag({ a: 1 })).toMatch(/^"[0-9a-f]{32}"$/);
  });
});

describe('assertPrecondition', () => {
  const tag = entityTag({ status: 'in-use' });

  it('lets a create through without conditions and refuses a blind overwrite', () => {
    expect(() => assertPrecondition({}, null)).not.toThrow();
    expect(() => assertPrecondition({}, tag)).toThrow(PreconditionRequiredError);
  });

  it('compares If-Match strongly, also in lists, and treats * as "exists"', () => {
    expect(() => assertPrecondition({ ifMatch: tag }, tag)).not.toThrow();
    expect(() => assertPrecondition({ ifMatch: `"x", ${tag}` }, tag)).not.toThrow();
    expect(() => assertPrecondition({ ifMatch: `W/${tag}` }, tag)).toThrow(PreconditionFailedError);
    expect(() => assertPrecondition({ ifMatch: '*' }, tag)).not.toThrow();
    expect(() => assertPrecondition({ ifMatch: '*' }, null)).toThrow(PreconditionFailedError);
    expect(() => assertPrecondition({ ifMatch: tag }, null)).toThrow(PreconditionFailedError);
  });

  it('treats If-None-Match: * as create-only', () => {
    expect(() => assertPrecondition({ ifNoneMatch: '*' }, null)).not.toThrow();
    expect(() => assertPrecondition({ ifNoneMatch: '*' }, tag)).toThrow(PreconditionFailedError);
  });

  it('still needs If-Match to overwrite when If-None-Match names other tags (RFC 9110 §13.1.2)', () => {
    expect(() => assertPrecondition({ ifNoneMatch: '"something-else"' }, tag)).toThrow(PreconditionRequiredError);
    expect(() => assertPrecondition({ ifNoneMatch: '"something-else"' }, null)).not.toThrow();
    expect(() => assertPrecondition({ ifNoneMatch: tag }, tag)).toThrow(PreconditionFailedError);
    // If-None-Match compares weakly.
    expect(() => assertPrecondition({ ifNoneMatch: `W/${tag}` }, tag)).toThrow(PreconditionFailedError);
  });

  it('evaluates If-None-Match after a matching If-Match', () => {
    expect(() => assertPrecondition({ ifMatch: tag, ifNoneMatch: '"other"' }, tag)).not.toThrow();
    expect(() => assertPrecondition({ ifMatch: tag, ifNoneMatch: '*' }, tag)).toThrow(PreconditionFailedError);
  });

  it('compares If-Match with the tag of an empty resource but does not require it', () => {
    expect(() => assertPrecondition({}, tag, { empty: true })).not.toThrow();
    expect(() => assertPrecondition({ ifMatch: tag }, tag, { empty: true })).not.toThrow();
    expect(() => assertPrecondition({ ifMatch: '"stale"' }, tag, { empty: true })).toThrow(PreconditionFailedError);
    expect(() => assertPrecondition({ ifNoneMatch: '*' }, tag, { empty: true })).not.toThrow();
  });
});
