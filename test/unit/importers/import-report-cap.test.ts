import { capReport, problemKinds, type ImportProblem, type ImportReport } from '../../../importers/import-report';

const report = (problems: ImportProblem[], importRunId: number | null = 7): ImportReport => ({
  kind: 'inventory',
  source: 'bestand.csv',
  sha256: '0'.repeat(64),
  dryRun: true,
  status: 'rejected',
  unchanged: false,
  counts: {},
  problems,
  importRunId,
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:00.000Z',
});

describe('capReport and problemKinds (issue 12, finding 5)', () => {
  const problems: ImportProblem[] = [
    { severity: 'error', row: 2, column: 'status', detail: 'Status „kaputt“ ist unbekannt.' },
    { severity: 'error', row: 3, column: 'status', detail: 'Status „weg“ ist unbekannt.' },
    { severity: 'error', row: 4, column: 'ags', detail: 'AGS 09999999 ist keine Gemeinde.' },
    { severity: 'warning', row: 5, column: 'ags', detail: 'AGS 9184112 hat 7 Stellen; ergänzt zu 09184112.' },
  ];

  it('groups by severity, column and the text with values set aside, most frequent first', () => {
    expect(problemKinds(problems)).toEqual([
      { severity: 'error', column: 'status', detail: 'Status „kaputt“ ist unbekannt.', count: 2 },
      { severity: 'error', column: 'ags', detail: 'AGS 09999999 ist keine Gemeinde.', count: 1 },
      { severity: 'warning', column: 'ags', detail: 'AGS 9184112 hat 7 Stellen; ergänzt zu 09184112.', count: 1 },
    ]);
  });

  it('lists the first problems, counts all, and says in German where the full list is', () => {
    const { report: capped, listing } = capReport(report(problems), 2);
    expect(capped.problems).toEqual(problems.slice(0, 2));
    expect(listing).toMatchObject({ total: 4, errors: 3, warnings: 1, listed: 2 });
    expect(listing.kinds).toHaveLength(3);
    expect(listing.download).toBe('/api/imports/7/problems?format=csv');
    expect(listing.note).toBe(
      '4 Fehler und Hinweise, hier die ersten 2 (Grenze IMPORT_MAX_LISTED_PROBLEMS); „kinds“ zählt alle nach Art. ' +
        'Die vollständige Liste steht als CSV unter /api/imports/7/problems?format=csv.',
    );
  });

  it('leaves a short report as it is', () => {
    const whole = report(problems, null);
    const { report: same, listing } = capReport(whole, 1000);
    expect(same).toBe(whole);
    expect(listing).toEqual({ total: 4, errors: 3, warnings: 1, listed: 4, kinds: [] });
  });
});
