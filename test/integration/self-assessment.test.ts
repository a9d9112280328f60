import request from 'supertest';
import { AuditEvent, ImportRun } from '../../entities';
import { buildSurveyFigures } from '../../reports/survey-figures/report';
import { SYSTEM_PRINCIPAL } from '../../lib/principal';
import { getSelfAssessment, putSelfAssessment } from '../../services/self-assessment.service';
import { loadQuestionnaires, questionnaireSet, type Questionnaire } from '../../services/self-assessment-questionnaire';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const v1 = loadQuestionnaires().current;

/** A version 2 that drops the fibre question and asks about open data instead. */
const v2: Questionnaire = {
  ...v1,
  version: 2,
  questions: [
    ...v1.questions.filter((q) => q.code !== 'fibre'),
    {
      code: 'open-data',
      dimension: 'Datennutzung',
      text: 'Veröffentlicht Ihre Kommune offene Daten?',
      kind: 'single',
      options: [
        { value: 'yes', label: 'Ja' },
        { value: 'no', label: 'Nein' },
      ],
      figures: [],
    },
  ],
};

const actor = { principal: SYSTEM_PRINCIPAL, requestId: null };

describe('self-assessment', () => {
  let t: TestApp;
  let admin: string;
  let editor: string;
  let reader: string;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { name: 'Bayern', level: 'land' });
    await makeRegion(t.dataSource, '09184', { name: 'München, Landkreis', level: 'kreis' });
    await makeRegion(t.dataSource, '09184112', { name: 'Garching', population: 18_000 });
    await makeRegion(t.dataSource, '09184113', { name: 'Grasbrunn', population: 7_000 });
    await makeRegion(t.dataSource, '09184118', { name: 'Haar', population: 21_000 });
    await makeRegion(t.dataSource, '09184119', { name: 'Ismaning', population: 16_000 });
    admin = await t.bearer('admin');
    editor = await t.bearer('editor', ['09184112'], 'Garching');
    reader = await t.bearer('reader');
  });
  afterAll(() => t.close());

  it('ships version 1 with the survey figures of DOMAIN.md §9 and their sources', async () => {
    const res = await request(t.app).get('/api/self-assessment/questionnaire');
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    const figures = Object.fromEntries(
      (res.body.questions as Questionnaire['questions']).flatMap((q) =>
        q.figures.map((f) => [f.code, f.survey?.value ?? null]),
      ),
    );
    expect(figures).toMatchObject({
      'strategy-yes': 14,
      'strategy-developing': 45,
      'lead-administration-cdo': 15,
      'lead-administration-cio': 12,
      'fim-known': 29,
      'fim-helpful': 70,
      'automated-processes': 5,
      'strategy-ozg': null,
    });
    expect(res.body.sources['kgst-oefit-2019'].title).toMatch(/412 Kommunen/);
    expect((await request(t.app).get('/api/self-assessment/questionnaires/7')).status).toBe(404);
  });

  it('writes through the API with If-Match, checks answers, and keeps history', async () => {
    const path = '/api/municipalities/09184112/self-assessment';
    const empty = await request(t.app).get(path).set('Authorization', reader);
    expect(empty.body).toMatchObject({ questionnaireVersion: null, currentVersion: 1, answers: {} });

    const bad = await request(t.app)
      .put(path)
      .set('Authorization', editor)
      .send({ answers: { strategy: 'maybe', 'fim-helpful': 'yes', 'lead-administration': ['none', 'cdo'] } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '#/answers/fim-helpful',
      '#/answers/lead-administration',
      '#/answers/strategy',
    ]);
    const foreign = await request(t.app)
      .put('/api/municipalities/09184113/self-assessment')
      .set('Authorization', editor)
      .send({ answers: { strategy: 'yes' } });
    expect(foreign.status).toBe(403);

    const first = await request(t.app)
      .put(path)
      .set('Authorization', editor)
      .send({ answers: { strategy: 'yes' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      questionnaireVersion: 1,
      answers: { strategy: 'yes' },
      updatedBy: 'token:Garching',
    });
    const noIfMatch = await request(t.app)
      .put(path)
      .set('Authorization', editor)
      .send({ answers: { strategy: 'no' } });
    expect(noIfMatch.status).toBe(428);
    const second = await request(t.app)
      .put(path)
      .set('Authorization', editor)
      .set('If-Match', first.headers.etag)
      .send({ answers: { strategy: 'no' } });
    expect(second.status).toBe(200);
    const history = await request(t.app).get('/api/municipalities/09184112/history').set('Authorization', admin);
    expect(
      history.body.items.map((e: { action: string; before: unknown; after: unknown }) => [e.action, e.before, e.after]),
    ).toEqual([
      [
        'self-assessment.updated',
        { questionnaireVersion: 1, answers: { strategy: 'yes' } },
        { questionnaireVersion: 1, answers: { strategy: 'no' } },
      ],
      ['self-assessment.created', null, { questionnaireVersion: 1, answers: { strategy: 'yes' } }],
    ]);
  });

  it('keeps the version an answer was given in when a new version appears', async () => {
    const only1 = questionnaireSet([v1]);
    const both = questionnaireSet([v1, v2]);
    await putSelfAssessment(t.dataSource, {
      key: '09184113',
      input: { answers: { fibre: 'yes', strategy: 'developing' } },
      actor,
      precondition: {},
      set: only1,
    });
    const read = await getSelfAssessment(t.dataSource.manager, '09184113', both);
    expect(read.view).toMatchObject({
      questionnaireVersion: 1,
      currentVersion: 2,
      answers: { fibre: 'yes', strategy: 'developing' },
    });
    // Answering anew in the current version: the dropped question is refused.
    await expect(
      putSelfAssessment(t.dataSource, {
        key: '09184113',
        input: { answers: { fibre: 'yes' } },
        actor,
        precondition: { ifMatch: read.etag },
        set: both,
      }),
    ).rejects.toMatchObject({ problems: [{ pointer: '#/answers/fibre' }] });
    // …but still accepted in the version it was asked in, which the answer keeps.
    const kept = await putSelfAssessment(t.dataSource, {
      key: '09184113',
      input: { questionnaireVersion: 1, answers: { fibre: 'no', strategy: 'developing' } },
      actor,
      precondition: { ifMatch: read.etag },
      set: both,
    });
    expect(kept.view.questionnaireVersion).toBe(1);
    const moved = await putSelfAssessment(t.dataSource, {
      key: '09184119',
      input: { answers: { 'open-data': 'yes', strategy: 'yes' } },
      actor,
      precondition: {},
      set: both,
    });
    expect(moved.view.questionnaireVersion).toBe(2);

    // The figures count each answer in its own version: fibre only where v1 asked it.
    const report = await buildSurveyFigures(t.dataSource.manager, '09184', both);
    const fibre = report.figures.find((f) => f.code === 'fibre');
    expect(fibre).toBeUndefined();
    const strategy = report.figures.find((f) => f.code === 'strategy-yes');
    expect(strategy?.total).toEqual({ answered: 3, matched: 1, percent: 33.3 });
  });

  it('reports the survey figures beside the area, in total and by size class', async () => {
    const haar = await request(t.app)
      .put('/api/municipalities/09184118/self-assessment')
      .set('Authorization', admin)
      .send({ answers: { strategy: 'yes' } });
    expect(haar.status).toBe(200);
    // Garching (GK 6) said strategy "no", Grasbrunn (GK 7) "developing", Haar (GK 6) "yes"; Ismaning
    // (GK 6) answered in a version 2 the shipped questionnaires do not know, so it counts nowhere.
    const res = await request(t.app).get('/api/reports/survey-figures?area=09184').set('Authorization', reader);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ municipalities: 5, respondents: 4 });
    const line = (code: string) => res.body.figures.find((f: { code: string }) => f.code === code);
    expect(line('strategy-yes')).toMatchObject({
      survey: { value: 14, derived: false },
      total: { answered: 3, matched: 1, percent: 33.3 },
      byGroup: { gk6: { answered: 2, matched: 1, percent: 50 }, gk7: { answered: 1, matched: 0, percent: 0 } },
    });
    expect(line('strategy-developing').total).toEqual({ answered: 3, matched: 1, percent: 33.3 });
    expect(line('fim-known').total).toEqual({ answered: 0, matched: 0, percent: null });
    const groups = Object.fromEntries(
      res.body.groups.map((g: { key: string; municipalities: number; respondents: number }) => [
        g.key,
        [g.municipalities, g.respondents],
      ]),
    );
    expect(groups).toMatchObject({ gk6: [3, 3], gk7: [1, 1], 'kreise-verbaende': [1, 0] });

    const csv = await request(t.app)
      .get('/api/reports/survey-figures?area=09184&format=csv')
      .set('Authorization', reader);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0]).toMatch(/^Kennzahl;Bezeichnung;Dimension;Umfrage 2019 \(%\);Umfragewert abgeleitet;Gebiet \(%\);/);
    expect(rows.find((r) => r.startsWith('strategy-yes;'))).toMatch(
      /^strategy-yes;Digitalstrategie vorhanden;Digitalstrategie;14;nein;33,3;3;1;50;2;0;1;/,
    );
  });

  it('imports answers from CSV, all or nothing, with row and column of each problem', async () => {
    await makeRegion(t.dataSource, '09184120', { name: 'Gräfelfing', population: 13_000 });
    await makeRegion(t.dataSource, '09184121', { name: 'Grünwald', population: 11_000 });
    const upload = (text: string) =>
      request(t.app)
        .post('/api/self-assessment/import')
        .set('Authorization', admin)
        .set('Content-Type', 'text/csv')
        .send(Buffer.from(text, 'utf8'));
    const bad = await upload('ags;strategy;lead-administration\n09184120;yes;cdo|cio\n09184121;vielleicht;cdo\n');
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ row: 3, column: 'strategy' })]);
    // The common import report (issue 15): a rejected run is recorded too.
    expect(bad.body.report).toMatchObject({
      kind: 'self-assessments',
      status: 'rejected',
      counts: { rows: 2, rowsWithErrors: 1, errors: 1, warnings: 0 },
      importRunId: expect.any(Number),
    });
    const none = await request(t.app).get('/api/municipalities/09184120/self-assessment').set('Authorization', reader);
    expect(none.body.questionnaireVersion).toBeNull();

    const good = await upload('ags;strategy;lead-administration\n09184120;yes;cdo|cio\n09184121;no;\n');
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({
      kind: 'self-assessments',
      status: 'succeeded',
      dryRun: false,
      unchanged: false,
      counts: { rows: 2, changed: 2, unchanged: 0 },
      problems: [],
      importRunId: expect.any(Number),
    });
    const stored = await request(t.app)
      .get('/api/municipalities/09184120/self-assessment')
      .set('Authorization', reader);
    expect(stored.body.answers).toEqual({ strategy: 'yes', 'lead-administration': ['cdo', 'cio'] });
    // The audit log links each change to the file's import run.
    const events = await t.dataSource
      .getRepository(AuditEvent)
      .findBy({ entityType: 'self-assessment', importRunId: good.body.importRunId });
    expect(events.map((e) => e.entityKey).sort()).toEqual(['09184120', '09184121']);

    const again = await upload('ags;strategy;lead-administration\n09184120;yes;cdo|cio\n09184121;no;\n');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true, counts: { rows: 2, changed: 0, unchanged: 2 } });
    const run = await t.dataSource.getRepository(ImportRun).findOneByOrFail({ id: again.body.importRunId });
    expect(run).toMatchObject({ kind: 'self-assessments', status: 'succeeded' });
  });

  it('rejects a self-assessment table without a key column as a report with the file-level error', async () => {
    const res = await request(t.app)
      .post('/api/self-assessment/import')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from('name;strategy\nGräfelfing;yes\n', 'utf8'));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ detail: 'Es fehlt die Spalte „ags“ mit dem Schlüssel der Kommune.' }]);
    expect(res.body.report).toMatchObject({ kind: 'self-assessments', status: 'rejected' });
  });
});
