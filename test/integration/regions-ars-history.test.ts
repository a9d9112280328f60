/**
 * A Gemeinde that keeps its AGS but moves to another Verband gets a new ARS: the regions import
 * records it in the Gemeinde's history. Fixture: the Kreis Eichsfeld (16061) of the 2025
 * edition, then the same lines as an edition of 01.01.2026 in which Arenshausen (16061001)
 * moves from the VG Hanstein-Rusteberg (5008) to the VG Lindenberg/Eichsfeld (5001) and
 * Berlingerode (16061003) is renamed.
 */
import request from 'supertest';
import type { ImportReport } from '../../importers/import-report';
import { importRegions } from '../../importers/regions.importer';
import { cliPrincipal } from '../../lib/principal';
import { asEdition, editionLines, fixtureFile, GV100AD_2025, patchField } from '../helpers/gv100ad-fixture';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

const actor = { principal: cliPrincipal(), requestId: null };
const ARENSHAUSEN = '16061001';
const BERLINGERODE = '16061003';

/** The 2026 edition: Gebietsstand, Arenshausen's Verband (positions 19–22), Berlingerode's name (23–72). */
function edition2026(lines: string[]): string[] {
  return asEdition(lines, '20260101').map((line) => {
    if (line.startsWith('60') && line.slice(10, 18) === ARENSHAUSEN) return patchField(line, 19, '5001');
    if (line.startsWith('60') && line.slice(10, 18) === BERLINGERODE) {
      return patchField(line, 23, 'Berlingerode im Eichsfeld'.padEnd(50));
    }
    return line;
  });
}

describe('regions import: a new ARS is a history event', () => {
  let t: TestApp;
  let reader: string;
  let report: ImportReport;
  let again: ImportReport;

  const load = (lines: string[], name: string) =>
    importRegions(t.dataSource, { buffer: fixtureFile(lines), sourceName: name, actor });

  beforeAll(async () => {
    t = await createTestApp();
    reader = await t.bearer('reader');
    const lines = editionLines(GV100AD_2025, ['16 ', '16061']);
    const first = await load(lines, 'eichsfeld-2025.txt');
    expect(first).toMatchObject({ status: 'succeeded', problems: [] });
    report = await load(edition2026(lines), 'eichsfeld-2026.txt');
    again = await load(edition2026(lines), 'eichsfeld-2026.txt');
  });
  afterAll(() => t.close());

  it('reports the change of ARS and Verband with both names', () => {
    expect(report.status).toBe('succeeded');
    expect(report.counts).toMatchObject({ arsChanged: 1, renamed: 1, retired: 0, added: 0 });
    expect(report.details?.arsChanged).toEqual([
      {
        key: ARENSHAUSEN,
        name: 'Arenshausen',
        fromArs: '160615008001',
        toArs: '160615001001',
        fromVerband: 'Hanstein-Rusteberg',
        toVerband: 'Lindenberg/Eichsfeld',
      },
    ]);
  });

  it('writes the event into the Gemeinde’s history, once', async () => {
    const region = await request(t.app).get(`/api/regions/${ARENSHAUSEN}`);
    expect(region.body).toMatchObject({ ars: '160615001001', gemeindeverbandKey: '160615001' });
    const history = await request(t.app).get(`/api/municipalities/${ARENSHAUSEN}/history`).set('Authorization', reader);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        action: 'region.ars-changed',
        entityKey: ARENSHAUSEN,
        importRunId: report.importRunId,
        before: { ars: '160615008001', verbandKey: '160615008', verbandName: 'Hanstein-Rusteberg' },
        after: {
          ars: '160615001001',
          verbandKey: '160615001',
          verbandName: 'Lindenberg/Eichsfeld',
          gebietsstand: '2026-01-01',
        },
      }),
    ]);
    expect(again).toMatchObject({ unchanged: true });
    expect(again.counts.arsChanged).toBe(0);
  });

  it('shows the new ARS and the new name on the history page', async () => {
    await makeUser(t.dataSource, 'leser', 'reader');
    const agent = await signedInAgent(t.app, 'leser');
    const arenshausen = await agent.get(`/kommunen/${ARENSHAUSEN}/historie`).set('Accept', 'text/html');
    expect(arenshausen.text).toContain('Regionalschlüssel geändert');
    expect(arenshausen.text).toContain('ARS: 160615008001 → 160615001001');
    expect(arenshausen.text).toContain('Gemeindeverband: Hanstein-Rusteberg → Lindenberg/Eichsfeld');
    expect(arenshausen.text).toContain('Gebietsstand 01.01.2026');
    const berlingerode = await agent.get(`/kommunen/${BERLINGERODE}/historie`).set('Accept', 'text/html');
    expect(berlingerode.text).toContain('Umbenannt');
    expect(berlingerode.text).toContain('Name: Berlingerode → Berlingerode im Eichsfeld');
  });
});
