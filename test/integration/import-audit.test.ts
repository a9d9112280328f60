/**
 * Issue 12, finding 16: FIM and regions imports write audit events, as the README says every
 * import write is audited — one summary event per run that changed something, tied to the run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEvent } from '../../entities';
import { bufferSource } from '../../importers/fim/fim-sources';
import { importFim } from '../../importers/fim/fim.importer';
import { importRegions } from '../../importers/regions.importer';
import { cliPrincipal } from '../../lib/principal';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

const actor = { principal: cliPrincipal(), requestId: null };
const MAX = 20 * 1024 * 1024;
const GV100AD_2025 = join(__dirname, '../../../shared/data/GV100AD_31082025.txt');

const xzufi = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<x:xzufi.transfer xmlns:x="http://xoev.de/schemata/xzufi/2_2_0">${body}</x:xzufi.transfer>`;
const leistung = (id: string, key: string, name: string) =>
  `<x:schreibe><x:leistung><x:id schemeAgencyID="L1">${id}</x:id><x:referenzLeiKa><code>${key}</code></x:referenzLeiKa>` +
  `<x:modulText><x:inhalt languageCode="de">${name}</x:inhalt><x:leikaTextmodul><code>02</code></x:leikaTextmodul></x:modulText>` +
  `<x:typisierung><code>3</code></x:typisierung></x:leistung></x:schreibe>`;

describe('audit events of FIM and regions imports', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.close());

  const events = (importRunId: number | null) =>
    db.dataSource.getRepository(AuditEvent).findBy({ importRunId: importRunId as number });

  it('a FIM import writes one event for its run with the counts; a dry run and a repeat write none', async () => {
    const file = () => [
      bufferSource('leistungen.xml', Buffer.from(xzufi(leistung('L100', '99108001001000', 'Heimarbeit anzeigen')))),
    ];
    const dry = await importFim(db.dataSource, { sources: file(), maxBytes: MAX, actor, dryRun: true });
    expect(dry.status).toBe('succeeded');
    expect(await events(dry.importRunId)).toEqual([]);

    const run = await importFim(db.dataSource, { sources: file(), maxBytes: MAX, actor });
    expect(run).toMatchObject({ status: 'succeeded', unchanged: false });
    const written = await events(run.importRunId);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      action: 'fim.imported',
      entityType: 'import-run',
      entityKey: String(run.importRunId),
      actor: actor.principal.name,
      actorKind: 'cli',
    });
    const after = written[0].after as { counts: Record<string, number>; files: { file: string; format: string }[] };
    expect(after.counts.created).toBe(run.counts.created);
    expect(after.counts.created).toBeGreaterThan(0);
    expect(after.files).toEqual([
      expect.objectContaining({ file: 'leistungen.xml', format: 'xzufi', version: '2.2.0' }),
    ]);

    const again = await importFim(db.dataSource, { sources: file(), maxBytes: MAX, actor });
    expect(again.unchanged).toBe(true);
    expect(await events(again.importRunId)).toEqual([]);
  });

  it('a regions import writes a summary event for its run, also on the first load', async () => {
    const report = await importRegions(db.dataSource, {
      buffer: readFileSync(GV100AD_2025),
      sourceName: 'GV100AD_31082025.txt',
      actor,
    });
    expect(report.status).toBe('succeeded');
    const written = await events(report.importRunId);
    expect(written.map((e) => e.action)).toEqual(['regions.imported']);
    expect(written[0]).toMatchObject({ entityType: 'import-run', entityKey: String(report.importRunId) });
    expect(written[0].after).toMatchObject({
      gebietsstand: '2025-08-31',
      firstLoad: true,
      counts: { added: report.counts.added },
    });
  });
});
