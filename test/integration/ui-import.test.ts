import type { Response } from 'supertest';
import * as inventoryImporter from '../../importers/inventory/inventory.importer';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, makeUser, signedInAgent } from '../helpers/web';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

const GOOD =
  'ags;component;status;operator;operator_type;product\n09184112;epayment;in-use;AKDB;municipal-provider;ePayBL\n09184112;eid;planned;;;\n';
const BAD = 'ags;component;status\n09184112;epayment;kaputt\n99999999;eid;in-use\n09184112;teleporter;in-use\n';

async function upload(agent: Agent, csv: string, token: string): Promise<Response> {
  return agent
    .post('/import')
    .field('_csrf', token)
    .attach('datei', Buffer.from(csv, 'utf8'), { filename: 'bestand.csv', contentType: 'text/csv' });
}

/** Follows the job page until the background job is done (the no-JS path: reload the page). */
async function finished(agent: Agent, location: string): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    const page = await agent.get(location);
    expect(page.status).toBe(200);
    if (!page.text.includes('id="fortschritt"')) return page.text;
    const status = await agent.get(`${location}/status`);
    // The job may finish between the two requests.
    expect(['running', 'done']).toContain(status.body.state);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('import did not finish');
}

describe('importing an inventory file in the web interface', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09');
    await makeRegion(t.dataSource, '09184', { level: 'kreis', name: 'München' });
    await makeRegion(t.dataSource, '09184112', { name: 'Garching b.München, St' });
    await makeUser(t.dataSource, 'kreis', 'editor', ['09184']);
    await makeUser(t.dataSource, 'andere', 'editor', ['09184']);
  });
  afterAll(() => t.close());

  it('reports every row error of a dry run and writes nothing', async () => {
    const agent = await signedInAgent(t.app, 'kreis');
    const form = await agent.get('/import');
    expect(form.text).toContain('enctype="multipart/form-data"');
    const res = await upload(agent, BAD, csrfOf(form.text));
    expect(res.status).toBe(303);
    const report = await finished(agent, res.headers.location);
    expect(report).toContain('Die Datei enthält Fehler. Es wurde nichts geschrieben.');
    for (const row of ['>2<', '>3<', '>4<']) expect(report).toContain(`<td class="num">${row.slice(1, -1)}</td>`);
    expect(report).toContain('teleporter');
    expect(report).not.toContain('Jetzt importieren');
    expect((await agent.get('/api/municipalities/09184112/components')).body.components).toEqual([]);
  });

  it('imports after a successful dry run is confirmed, and only for its owner', async () => {
    const agent = await signedInAgent(t.app, 'kreis');
    const res = await upload(agent, GOOD, csrfOf((await agent.get('/import')).text));
    const dryRun = await finished(agent, res.headers.location);
    expect(dryRun).toContain('Die Datei ist fehlerfrei. Es wurde noch nichts geschrieben.');
    expect(dryRun).toContain('Jetzt importieren');
    const other = await signedInAgent(t.app, 'andere');
    expect((await other.get(res.headers.location)).status).toBe(404);

    const confirm = await agent
      .post(`${res.headers.location}/ausfuehren`)
      .type('form')
      .send({ _csrf: csrfOf(dryRun) });
    expect(confirm.status).toBe(303);
    const done = await finished(agent, confirm.headers.location);
    expect(done).toContain('Importiert: alle Zeilen wurden geschrieben.');
    const landscape = await agent.get('/api/municipalities/09184112/components');
    expect(landscape.body.components.map((c: { component: string }) => c.component).sort()).toEqual([
      'eid',
      'epayment',
    ]);
    const again = await agent
      .post(`${res.headers.location}/ausfuehren`)
      .type('form')
      .send({ _csrf: csrfOf(dryRun) });
    expect(again.headers.location).toBe(confirm.headers.location);
  });

  it('lets one user run at most two imports at once and says why in German', async () => {
    // Hold every import at its start until released, so jobs stay "running" deterministically.
    const real = inventoryImporter.importInventory;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = jest.spyOn(inventoryImporter, 'importInventory').mockImplementation(async (...args) => {
      await gate;
      return real(...args);
    });
    try {
      const agent = await signedInAgent(t.app, 'kreis');
      // A finished, clean dry run to confirm later.
      held.mockImplementationOnce(real);
      const token = csrfOf((await agent.get('/import')).text);
      const first = await upload(agent, GOOD, token);
      const dryRun = await finished(agent, first.headers.location);
      const running = [await upload(agent, GOOD, token), await upload(agent, BAD, token)];
      expect(running.map((r) => r.status)).toEqual([303, 303]);
      const third = await upload(agent, GOOD, token);
      expect(third.status).toBe(429);
      expect(third.text).toContain('Sie haben bereits 2 Importe, die noch laufen.');
      expect(third.text).toContain('<title>Fehler: Bestand importieren');
      const confirm = await agent.post(`${first.headers.location}/ausfuehren`).type('form').send({ _csrf: token });
      expect(confirm.status).toBe(429);
      expect(confirm.text).toContain('Sie haben bereits 2 Importe, die noch laufen.');
      expect(confirm.text).toContain('Jetzt importieren');
      // The cap is per user.
      const other = await signedInAgent(t.app, 'andere');
      expect((await upload(other, GOOD, csrfOf((await other.get('/import')).text))).status).toBe(303);

      release();
      for (const r of running) await finished(agent, r.headers.location);
      const after = await agent.post(`${first.headers.location}/ausfuehren`).type('form').send({ _csrf: token });
      expect(after.status).toBe(303);
      expect(await finished(agent, after.headers.location)).toContain('Importiert');
      expect(dryRun).toContain('Die Datei ist fehlerfrei.');
    } finally {
      release();
      held.mockRestore();
    }
  });

  it('asks for a file, and refuses an upload without the CSRF token', async () => {
    const agent = await signedInAgent(t.app, 'kreis');
    const token = csrfOf((await agent.get('/import')).text);
    const empty = await agent.post('/import').field('_csrf', token);
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Bitte eine Datei auswählen');
    const forged = await agent
      .post('/import')
      .attach('datei', Buffer.from(GOOD), { filename: 'x.csv', contentType: 'text/csv' });
    expect(forged.status).toBe(403);
    const elsewhere = await agent.post('/kommunen/09184112/bestaetigen').field('_csrf', token);
    expect(elsewhere.status).toBe(403);
  });
});
