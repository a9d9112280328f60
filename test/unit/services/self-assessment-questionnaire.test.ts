import {
  answerMatches,
  isAsked,
  loadQuestionnaires,
  validateAnswers,
} from '../../../services/self-assessment-questionnaire';

const { current } = loadQuestionnaires();
const question = (code: string) => current.questions.find((q) => q.code === code)!;

describe('the shipped self-assessment questionnaire', () => {
  it('is consistent: figures name options of their question, conditions earlier questions, sources exist', () => {
    const seen = new Set<string>();
    const figureCodes = new Set<string>();
    for (const q of current.questions) {
      const options = new Set(q.options.map((o) => o.value));
      if (q.askIf) {
        expect({ q: q.code, earlier: seen.has(q.askIf.question) }).toEqual({ q: q.code, earlier: true });
        const earlier = question(q.askIf.question);
        for (const v of q.askIf.anyOf) expect(earlier.options.map((o) => o.value)).toContain(v);
      }
      for (const f of q.figures) {
        expect(figureCodes.has(f.code)).toBe(false);
        figureCodes.add(f.code);
        expect(Object.keys(current.sources)).toContain(f.source);
        if ('anyOf' in f.match)
          for (const v of f.match.anyOf) expect({ f: f.code, ok: options.has(v) }).toEqual({ f: f.code, ok: true });
        else expect(q.kind).toBe('multi');
      }
      seen.add(q.code);
    }
  });

  it('counts a multiple choice without its "none" option', () => {
    const q = question('community-engagement');
    const [none, one, engaged] = q.figures;
    expect(answerMatches(q, none, ['none'])).toBe(true);
    expect(answerMatches(q, one, ['wifi'])).toBe(true);
    expect(answerMatches(q, engaged, ['wifi'])).toBe(false);
    expect(answerMatches(q, engaged, ['wifi', 'lorawan'])).toBe(true);
  });

  it('asks FIM helpful only of those who know FIM, and refuses the answer otherwise', () => {
    expect(isAsked(question('fim-helpful'), { 'fim-known': 'yes' })).toBe(true);
    expect(isAsked(question('fim-helpful'), { 'fim-known': 'no' })).toBe(false);
    expect(() => validateAnswers(current, { 'fim-known': 'no', 'fim-helpful': 'yes' })).toThrow('Antworten ungültig.');
    expect(() => validateAnswers(current, { 'fim-known': 'yes', 'fim-helpful': 'yes' })).not.toThrow();
  });
});
