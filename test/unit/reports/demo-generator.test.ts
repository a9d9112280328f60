import { generateDemoLandscape, type DemoMunicipality } from '../../../importers/demo/demo-generator';
import { deriveSeed, mulberry32, Random } from '../../../importers/demo/prng';

const COMPONENTS = [
  'form-server',
  'epayment',
  'service-account',
  'eid',
  'de-mail',
  'mailbox',
  'search',
  'mobile-app',
  'chatbot',
];

/** Synthetic municipalities with a skewed, realistic size distribution (many small, few large). */
function syntheticMunicipalities(count: number, kreise: number): DemoMunicipality[] {
  const rng = new Random(7);
  return Array.from({ length: count }, (_, i) => {
    const kreisKey = `08${100 + (i % kreise)}`;
    return {
      key: `${kreisKey}${String(Math.floor(i / kreise)).padStart(3, '0')}`,
      name: `Gemeinde ${i}`,
      population: Math.round(Math.exp(6 + 5 * rng.float() ** 1.5)),
      kreisKey,
    };
  });
}

function input(municipalities: DemoMunicipality[], seed = 42) {
  return { seed, landKey: '08', components: COMPONENTS, municipalities, municipalProviders: 3, privateProviders: 4 };
}

describe('mulberry32 and derived seeds', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('pins the first values, so a change of the generator cannot go unnoticed', () => {
    const next = mulberry32(1);
    expect([next(), next()].map((x) => x.toFixed(6))).toEqual(['0.627074', '0.002736']);
    expect(deriveSeed(42, '08116001')).toBe(deriveSeed(42, '08116001'));
    expect(deriveSeed(42, '08116001')).not.toBe(deriveSeed(42, '08116002'));
  });
});

describe('generateDemoLandscape', () => {
  const municipalities = syntheticMunicipalities(4000, 40);
  const landscape = generateDemoLandscape(input(municipalities));

  function inUseByMunicipality(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of landscape.records) {
      if (r.regionKey.length !== 8) continue;
      counts.set(r.regionKey, (counts.get(r.regionKey) ?? 0) + (r.status === 'in-use' ? 1 : 0));
    }
    return counts;
  }

  it('matches the survey distribution (16 / 32 / 52 %) over the municipalities with data', () => {
    const counts = inUseByMunicipality();
    const withData = counts.size;
    expect(withData + landscape.noData.length).toBe(4000);
    const share = (test: (n: number) => boolean) => [...counts.values()].filter(test).length / withData;
    expect(share((n) => n === 0)).toBeCloseTo(0.16, 2);
    expect(share((n) => n >= 1 && n <= 2)).toBeCloseTo(0.32, 2);
    expect(share((n) => n >= 3)).toBeCloseTo(0.52, 2);
    expect(landscape.noData.length / 4000).toBeGreaterThan(0.01);
    expect(landscape.noData.length / 4000).toBeLessThan(0.06);
  });

  it('equips larger municipalities better', () => {
    const counts = inUseByMunicipality();
    const bySize = municipalities.filter((m) => counts.has(m.key)).sort((a, b) => a.population - b.population);
    const mean = (list: DemoMunicipality[]) => list.reduce((sum, m) => sum + (counts.get(m.key) ?? 0), 0) / list.length;
    const quarter = Math.floor(bySize.length / 4);
    expect(mean(bySize.slice(-quarter))).toBeGreaterThan(mean(bySize.slice(0, quarter)) + 1.5);
  });

  it('draws operator types per component as the survey describes', () => {
    const typeShare = (component: string, type: string) => {
      const inUse = landscape.records.filter(
        (r) => r.component === component && r.status === 'in-use' && r.regionKey.length === 8,
      );
      return inUse.filter((r) => r.operator?.type === type).length / inUse.length;
    };
    expect(typeShare('mobile-app', 'private-provider')).toBeGreaterThan(0.6);
    expect(typeShare('chatbot', 'private-provider')).toBeGreaterThan(0.6);
    expect(typeShare('search', 'own-it') + typeShare('search', 'municipal-provider')).toBeGreaterThan(0.8);
    expect(typeShare('form-server', 'state')).toBeLessThan(0.1);
    expect(typeShare('service-account', 'federal')).toBeGreaterThan(0.3);
  });

  it('is reproducible and keeps a municipality’s data when others are left out', () => {
    expect(generateDemoLandscape(input(municipalities)).records).toEqual(landscape.records);
    expect(generateDemoLandscape(input(municipalities, 43)).records).not.toEqual(landscape.records);
    const one = municipalities[17].key;
    const without = generateDemoLandscape(input(municipalities.filter((m) => m.key !== municipalities[3].key)));
    const ofOne = (records: typeof landscape.records) =>
      records.filter((r) => r.regionKey === one && r.status !== 'in-use');
    expect(ofOne(without.records).map((r) => r.component)).toEqual(ofOne(landscape.records).map((r) => r.component));
  });

  it('gives Landkreise records of their own, run by a municipal provider or the federal BundID', () => {
    const kreisRecords = landscape.records.filter((r) => r.regionKey.length === 5);
    expect(kreisRecords.length).toBeGreaterThan(40);
    expect(new Set(kreisRecords.map((r) => r.operator?.type))).toEqual(new Set(['municipal-provider', 'federal']));
  });
});
