import { BadRequestError } from '../../../lib/errors';
import { parseArea, parseAreaKey } from '../../../reports/area';
import { GAP_AREAS } from '../../../reports/gaps/area';

describe('area keys, parsed once for the component reports and the gap reports', () => {
  it('reads every form and normalises Germany and operators', () => {
    expect(parseArea(' de ')).toEqual({ kind: 'germany', key: 'DE', operatorId: null });
    expect(parseArea('091')).toEqual({ kind: 'regierungsbezirk', key: '091', operatorId: null });
    expect(parseArea('Operator:17')).toEqual({ kind: 'operator', key: 'operator:17', operatorId: 17 });
    expect(parseAreaKey('09184002', GAP_AREAS)).toEqual({ kind: 'gemeinde', key: '09184002', operatorId: null });
    expect(parseAreaKey('09184', GAP_AREAS).kind).toBe('kreis');
  });

  it('refuses the forms a report does not take, naming that report’s forms', () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error as BadRequestError;
      }
      throw new Error('accepted');
    };
    const gemeinde = refusal(() => parseArea('09184002'));
    expect(gemeinde).toBeInstanceOf(BadRequestError);
    expect(gemeinde.message).toBe('Ungültiges Gebiet „09184002“.');
    expect(gemeinde.problems).toEqual([{ parameter: 'area', detail: expect.stringContaining('operator:') }]);
    const operator = refusal(() => parseAreaKey('operator:3', GAP_AREAS));
    expect(operator.problems).toEqual([{ parameter: 'area', detail: expect.stringContaining('Gemeinde (AGS, 8)') }]);
    expect(() => parseAreaKey('1234', GAP_AREAS)).toThrow(BadRequestError);
  });
});
