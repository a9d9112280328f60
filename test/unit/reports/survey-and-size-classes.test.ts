import { KGST_SIZE_CLASSES, sizeClassOf } from '../../../reports/common/size-classes';
import { SURVEY_2019, surveyClass, surveyFigureText } from '../../../reports/common/survey';

describe('the survey reference', () => {
  it('marks three or more as derived (100 − 16 − 32), the other two as survey figures', () => {
    const { none, oneToTwo, threePlus } = SURVEY_2019.figures;
    expect([none.value, none.derived, oneToTwo.value, oneToTwo.derived]).toEqual([16, false, 32, false]);
    expect(threePlus).toMatchObject({ value: 52, derived: true });
    expect(threePlus.value).toBe(100 - none.value - oneToTwo.value);
    expect(threePlus.note).toMatch(/^Abgeleitet, kein Umfragewert: 100 − 16 − 32 = 52 %/);
    expect(none.note).toMatch(/^Umfragewert: 16 %/);
  });

  it('says whom the survey asked, and that it published no figures per size class', () => {
    expect(SURVEY_2019.sample.respondents).toBe(412);
    expect(SURVEY_2019.sample.description).toBe(
      'Online-Befragung von 412 Mitgliedskommunen der KGSt einschließlich Kreisen, Dezember 2018 bis Februar 2019.',
    );
    expect(SURVEY_2019.sample.caveat).toMatch(/größere Kommunen sind überrepräsentiert/);
    expect(SURVEY_2019.figuresBySizeClass).toBeNull();
    expect(SURVEY_2019.url).toBe('https://www.kgst.de/studie-wie-digital-sind-kommunen-in-deutschland-aufgestellt');
  });

  it('writes a derived figure with its derivation', () => {
    expect(surveyFigureText(SURVEY_2019.figures.threePlus)).toBe('52 % (abgeleitet)');
    expect(surveyFigureText(SURVEY_2019.figures.none)).toBe('16 %');
  });

  it.each([
    [0, 'none'],
    [1, 'oneToTwo'],
    [2, 'oneToTwo'],
    [3, 'threePlus'],
    [9, 'threePlus'],
  ])('puts %i components in use into %s', (inUse, expected) => {
    expect(surveyClass(inUse)).toBe(expected);
  });
});

describe('KGSt size classes', () => {
  it.each([
    [3_645_000, 'gk1'],
    [400_001, 'gk1'],
    [400_000, 'gk2'],
    [200_000, 'gk2'],
    [199_999, 'gk3'],
    [100_000, 'gk3'],
    [99_999, 'gk4'],
    [50_000, 'gk4'],
    [49_999, 'gk5'],
    [25_000, 'gk5'],
    [24_999, 'gk6'],
    [10_000, 'gk6'],
    [9_999, 'gk7'],
    [1, 'gk7'],
    [0, 'unknown'],
  ])('puts a Gemeinde of %i inhabitants into %s', (population, expected) => {
    expect(sizeClassOf(population).key).toBe(expected);
  });

  it('covers every population without gaps or overlaps, largest class first', () => {
    for (let i = 1; i < KGST_SIZE_CLASSES.length; i += 1) {
      expect(KGST_SIZE_CLASSES[i].maxPopulation).toBe((KGST_SIZE_CLASSES[i - 1].minPopulation as number) - 1);
    }
    expect(KGST_SIZE_CLASSES.map((c) => c.label)).toEqual(['GK 1', 'GK 2', 'GK 3', 'GK 4', 'GK 5', 'GK 6', 'GK 7']);
  });
});
