/**
 * One way for the web forms (rounds, round links, self-assessment) to show a write the
 * service refused: server/web/form-errors.ts.
 */
import {
  ConflictError,
  InputError,
  NotAllowedError,
  PreconditionFailedError,
  PreconditionRequiredError,
} from '../../../lib/errors';
import { fieldErrorsOf, refusedForm } from '../../../server/web/form-errors';

const STALE = 'Nicht gespeichert: zwischenzeitlich geändert.';
const answers = { strategy: 'vielleicht' };

describe('web form refusals', () => {
  it('maps pointers under the prefix to fields, anything else by its whole pointer', () => {
    expect(
      fieldErrorsOf(
        [
          { pointer: '#/answers/strategy', detail: 'kein Wert der Frage' },
          { pointer: '#/answers/strategy', detail: 'zweites Problem' },
          { pointer: '#/answers/fibre', detail: 'fehlt' },
          { detail: 'ohne Ort' },
        ],
        '#/answers/',
      ),
    ).toEqual({ strategy: ['kein Wert der Frage', 'zweites Problem'], fibre: ['fehlt'], '': ['ohne Ort'] });
  });

  it('shows a stale form with the stored state (no entered values) and 409', () => {
    for (const error of [new PreconditionFailedError('x'), new PreconditionRequiredError('y')]) {
      expect(refusedForm(error, { answers }, { stale: STALE })).toEqual({ status: 409, form: { general: [STALE] } });
    }
    // A form without a stale message does not expect the error: the error page shows it.
    expect(refusedForm(new PreconditionFailedError('x'), { answers }, {})).toBeNull();
  });

  it('shows input problems at their fields with the entered values and 422', () => {
    const error = new InputError('Antworten ungültig.', [{ pointer: '#/answers/strategy', detail: 'unbekannt' }]);
    expect(refusedForm(error, { answers }, { fieldPointer: '#/answers/' })).toEqual({
      status: 422,
      form: { answers, errors: { strategy: ['unbekannt'] }, general: [] },
    });
  });

  it('tells input problems for the whole form when it has no fields for them', () => {
    const error = new InputError('Ungültig.', [
      { pointer: '#/items/0', detail: 'Komponente unbekannt' },
      { detail: 'zweites' },
    ]);
    expect(refusedForm(error, { answers }, {})).toEqual({
      status: 422,
      form: { answers, errors: {}, general: ['Komponente unbekannt', 'zweites'] },
    });
  });

  it('shows a scope refusal on the form only where the form asks for it', () => {
    const error = new NotAllowedError('Nur für den eigenen Bereich.');
    const values = { area: '09', title: 'T', deadline: '2027-01-01' };
    expect(refusedForm(error, { values }, { fieldPointer: '#/', notAllowed: true })).toEqual({
      status: 422,
      form: { values, errors: {}, general: ['Nur für den eigenen Bereich.'] },
    });
    expect(refusedForm(error, { values }, { fieldPointer: '#/' })).toBeNull();
  });

  it('leaves every other error to the error page', () => {
    expect(refusedForm(new ConflictError('x'), { answers }, { stale: STALE, notAllowed: true })).toBeNull();
    expect(refusedForm(new Error('boom'), { answers }, { stale: STALE })).toBeNull();
  });
});
