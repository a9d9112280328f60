import request from 'supertest';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, makeUser, signedInAgent } from '../helpers/web';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

async function webImport(agent: Agent, csv: string): Promise<string> {
  const form = await agent.get('/import');
  const res = await agent
    .post('/import')
    .field('_csrf', csrfOf(form.text))
    .attach('datei', Buffer.from(csv, 'utf8'), { filename: 'bestand.csv', contentType: 'text/csv' });
  expect(res.status).toBe(303);
  for (let i = 0; i < 100; i += 1) {
    const page = await agent.get(res.headers.location);
    if (!page.text.includes('id="fortschritt"')) return page.text;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('import did not finish');
}

describe('inventory import messages and previews for editors', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09');
    await makeRegion(t.dataSource, '09184', { level: 'kreis', name: 'München' });
    await makeRegion(t.dataSource, '09184112', { name: 'Garching b.München, St' });
    await makeRegion(t.dataSource, '09184113', { name: 'Grasbrunn' });
    await makeRegion(t.dataSource, '16053000', { name: 'Jena, Stadt' });
    editor = await t.bearer('editor', ['09184']);
    await makeUser(t.dataSource, 'kreis', 'editor', ['09184']);
  });
  afterAll(() => t.close());

  const dryRun = (csv: string) =>
    request(t.app)
      .post('/api/imports/inventory?dryRun=true')
      .set('Authorization', editor)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(csv, 'utf8'));

  it('accepts the common German component and status names (data/reference/inventar-synonyme.csv)', async () => {
    const res = await dryRun(
      'ags;component;status\n' +
        '09184112;Servicekonto;im Einsatz\n09184113;Bürgerkonto;in Planung\n09184112;E-Payment;nicht vorhanden\n' +
        '09184112;Formularserver;in-use\n09184113;Bezahlung;in-use\n09184112;Online-Ausweis;in-use\n',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'succeeded', counts: { created: 6 } });
    const codes = (res.body.details.changes as { ags: string; component: string }[]).map(
      (c) => `${c.ags}/${c.component}`,
    );
    expect(codes.sort()).toEqual([
      '09184112/eid',
      '09184112/epayment',
      '09184112/form-server',
      '09184112/service-account',
      '09184113/epayment',
      '09184113/service-account',
    ]);
  });

  it('suggests the meant column for a header typo and puts German names before codes', async () => {
    const typo = await dryRun('ags;Komponnte;Status\n09184112;eid;in-use\n');
    expect(typo.status).toBe(422);
    expect(typo.body.errors[0].detail).toContain(
      'Unbekannte Spalte „Komponnte“. Meinten Sie „Komponente (component)“?',
    );
    const status = await dryRun('ags;component;status\n09184112;eid;kaputt\n09184112;teleporter;in-use\n');
    const details = (status.body.errors as { detail: string }[]).map((e) => e.detail);
    expect(details[0]).toContain('erlaubt: im Einsatz (in-use), geplant (planned)');
    expect(details[1]).toContain('gültig sind: Formularserver (form-server), E-Payment (epayment)');
  });

  it('words a row outside the scope for every channel, not for an API token', async () => {
    const res = await dryRun('ags;component;status\n16053000;eid;in-use\n');
    expect(res.body.errors[0].detail).toBe(
      'Jena, Stadt (16053000) liegt außerhalb Ihres Bereichs (09184); Angaben dazu dürfen Sie nicht ändern.',
    );
  });

  it('groups identical errors on the web page: one line with the row count and the first rows', async () => {
    const agent = await signedInAgent(t.app, 'kreis');
    const rows = Array.from({ length: 30 }, () => '09184112;teleporter;in-use').join('\n');
    const page = await webImport(agent, `ags;component;status\n${rows}\n`);
    expect(page).toContain('30 Zeilen betroffen (Zeilen 2–11 …)');
    expect(page).toContain('30 Fehler und Hinweise, zusammengefasst zu einer Meldung');
    expect(page.match(/class="problem-error"/g)).toHaveLength(1);
  });

  it('shows in a clean dry run which records change from what to what and which operators are created', async () => {
    await request(t.app)
      .put('/api/municipalities/09184113/components/eid')
      .set('Authorization', editor)
      .send({ status: 'planned', product: 'AusweisApp' });
    const csv =
      'ags;component;status;operator;operator_type;product\n' +
      '09184113;eid;in-use;;;AusweisApp\n09184112;chatbot;in-use;Chatwerk Isar GmbH;private-provider;Bot\n';
    const api = await dryRun(csv);
    expect(api.body.details).toMatchObject({
      changesTotal: 2,
      newOperators: [{ name: 'Chatwerk Isar GmbH', type: 'private-provider', row: 3 }],
    });
    expect(api.body.details.changes).toContainEqual(
      expect.objectContaining({
        ags: '09184113',
        action: 'updated',
        before: { status: 'planned' },
        after: { status: 'in-use' },
      }),
    );
    const page = await webImport(await signedInAgent(t.app, 'kreis'), csv);
    expect(page).toContain('Neue Betreiber');
    expect(page).toContain('Chatwerk Isar GmbH (privatwirtschaftlicher Dienstleister), zuerst in Zeile 3');
    expect(page).toContain('Status: geplant → im Einsatz');
  });
});
