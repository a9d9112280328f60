import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sameRegionName, withMarks, withoutMarks, MARKS } from '../../../importers/offerings/dashboard-fields';
import { pointersOf, readOfferingsTable } from '../../../importers/offerings/dashboard-page';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../../fixtures/dashboard', name));
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('dashboard page reader', () => {
  it('reads one page of the data API: content as rows, page fields apart', async () => {
    const table = await readOfferingsTable(fixture('page-0.json'));
    expect(table.page).toEqual({
      number: 0,
      size: 4,
      numberOfElements: 4,
      totalElements: 7,
      totalPages: 2,
      first: true,
      last: false,
    });
    expect(table.sheet.rows).toHaveLength(4);
    expect(table.sheet.headers).toEqual([
      'leika_key',
      'leika_name',
      'ars',
      'ars_name',
      'ars_federal_state',
      'bundesland',
      'leika_bezeichnung',
      'ozgid',
      'ozg_bezeichnung',
      'url',
      'online_status',
      'aktiv',
      'art_flaechendeckung',
    ]);
    // `null` (a nullable field) is an empty cell.
    expect(table.sheet.rows[2].cells[6]).toBe('');
    expect(table.sheet.problems).toEqual([]);
  });

  it('points problems of a page into its content, of an array into the array', async () => {
    const problem = { severity: 'error' as const, row: 4, column: 'ars', detail: 'x' };
    const page = await readOfferingsTable(fixture('page-0.json'));
    expect(pointersOf(page, [problem])[0].pointer).toBe('#/content/3/ars');
    const array = await readOfferingsTable(json([{ ars: '01' }]));
    expect(array.page).toBeNull();
    expect(pointersOf(array, [problem])[0].pointer).toBe('#/3/ars');
  });

  it('an empty page is a warning, another object an error', async () => {
    const empty = await readOfferingsTable(json({ content: [], number: 3, last: true, totalElements: 300 }));
    expect(empty.page).toEqual({ number: 3, last: true, totalElements: 300 });
    expect(empty.sheet.problems).toEqual([
      { severity: 'warning', detail: 'Die Seite enthält keine Einträge („content“ ist leer).' },
    ]);
    const other = await readOfferingsTable(json({ status: 500, error: 'Internal Server Error' }));
    expect(other.sheet.problems[0]).toMatchObject({ severity: 'error', detail: expect.stringContaining('„content“') });
    const broken = await readOfferingsTable(Buffer.from('{"content": ['));
    expect(broken.sheet.problems[0]).toMatchObject({ code: 'not-well-formed' });
  });
});

describe('dashboard fields', () => {
  it('compares area names loosely: directory suffixes and prefixes do not matter', () => {
    expect(sameRegionName('Heide', 'Heide, Stadt')).toBe(true);
    expect(sameRegionName('Landkreis Dithmarschen', 'Dithmarschen')).toBe(true);
    expect(sameRegionName('Burg (Dithmarschen)', 'Burg (Dithmarschen)')).toBe(true);
    expect(sameRegionName('Muenchen', 'München, Landeshauptstadt')).toBe(true);
    expect(sameRegionName('Husum', 'Heide, Stadt')).toBe(false);
  });

  it('recomputes its marks and keeps other note text', () => {
    const marked = withMarks('über das Landesportal', [MARKS.linkBroken]);
    expect(marked).toBe(`über das Landesportal ${MARKS.linkBroken}`);
    expect(withoutMarks(marked)).toBe('über das Landesportal');
    expect(withMarks(marked, [])).toBe('über das Landesportal');
    expect(withMarks(MARKS.inactive, [])).toBeNull();
    expect(withMarks(null, [MARKS.inactive, MARKS.linkBroken])).toBe(`${MARKS.inactive} ${MARKS.linkBroken}`);
  });
});
