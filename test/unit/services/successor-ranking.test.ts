import {
  nameAffinity,
  rankSuccessors,
  type RankedRegion,
  type RankingContext,
} from '../../../services/successor-ranking';

describe('nameAffinity', () => {
  it('finds the same name without the Destatis additions, ignoring case and umlaut spelling', () => {
    expect(nameAffinity('Haar', 'Haar, St')).toEqual({ points: 4, reason: 'gleicher Name' });
    expect(nameAffinity('Muenster', 'Münster, Stadt')).toEqual({ points: 4, reason: 'gleicher Name' });
  });

  it('finds a name contained in the other as whole words, either way', () => {
    expect(nameAffinity('Neustadt', 'Neustadt an der Orla, Stadt')).toEqual({
      points: 3,
      reason: 'Name enthält „Neustadt“',
    });
    expect(nameAffinity('Ilmtal-Weinstraße', 'Ilmtal')).toEqual({
      points: 3,
      reason: 'Name ist in „Ilmtal-Weinstraße“ enthalten',
    });
    // Not inside another word.
    expect(nameAffinity('Uder', 'Uderbach')).toBeNull();
  });

  it('finds a shared distinctive name part, but not a river or a status word', () => {
    expect(nameAffinity('Wünschendorf/Elster', 'Berga-Wünschendorf, Stadt')).toEqual({
      points: 2,
      reason: 'gemeinsamer Namensteil „Wünschendorf“',
    });
    expect(nameAffinity('Berga/Elster, Stadt', 'Greiz, Stadt')).toBeNull();
    expect(nameAffinity('Bad Elster, Stadt', 'Elstertal/Elster')).toBeNull();
  });
});

describe('rankSuccessors', () => {
  const gemeinde = (key: string, name: string, over: Partial<RankedRegion> = {}): RankedRegion => ({
    key,
    name,
    level: 'gemeinde',
    ars: null,
    kreisKey: key.slice(0, 5),
    verbandKey: null,
    population: 1000,
    ...over,
  });
  const ctx: RankingContext = {
    retiredGebietsstand: '2025-08-31',
    units: new Map([
      ['16061', { key: '16061', name: 'Eichsfeld', textCode: '44' }],
      ['160615009', { key: '160615009', name: 'Leinetal', textCode: '54' }],
    ]),
    formerVerband: new Map(),
    appeared: new Set(['16061119', '16064099']),
  };
  const old = gemeinde('16061039', 'Glasehausen', { verbandKey: '160615009' });

  it('adds the weights, ranks equal scores by population and leaves out candidates without a reason', () => {
    const ranked = rankSuccessors(
      old,
      [
        gemeinde('16061012', 'Bodenrode-Westhausen', { verbandKey: '160615009', population: 1036 }),
        gemeinde('16061107', 'Wingerode', { verbandKey: '160615009', population: 1091 }),
        gemeinde('16061119', 'Uder', { population: 6134 }),
        gemeinde('16061045', 'Heilbad Heiligenstadt, Stadt', { population: 18_230 }),
        // New in the same edition, but in another Kreis: no reason at all.
        gemeinde('16064099', 'Irgendwo'),
      ],
      ctx,
      10,
    );
    expect(ranked.map((r) => [r.key, r.score])).toEqual([
      ['16061119', 1 + 3],
      ['16061107', 3],
      ['16061012', 3],
      ['16061045', 1],
    ]);
    expect(ranked[1].reasons).toEqual(['gleiche Verwaltungsgemeinschaft (Leinetal)']);
    expect(ranked[1].verband).toEqual({ key: '160615009', name: 'Leinetal' });
  });

  it('stops at the limit', () => {
    const candidates = ['001', '002', '003'].map((g) => gemeinde(`16061${g}`, `Ort ${g}`));
    expect(rankSuccessors(old, candidates, ctx, 2)).toHaveLength(2);
  });
});
