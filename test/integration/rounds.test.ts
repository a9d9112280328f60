import request from 'supertest';
import { AuditEvent, SurveyRound, SurveyRoundMember } from '../../entities';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** `YYYY-MM-DD` some days from today (UTC; far enough from the German date not to matter). */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

describe('survey rounds: from opening to closing', () => {
  let t: TestApp;
  let admin: string;
  let editorKreis: string;
  let editorOther: string;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { name: 'Bayern', level: 'land' });
    await makeRegion(t.dataSource, '09184', { name: 'München, Landkreis', level: 'kreis' });
    await makeRegion(t.dataSource, '09184112', { name: 'Garching b.München, St', population: 18_000 });
    await makeRegion(t.dataSource, '09184113', { name: 'Grasbrunn', population: 7_000 });
    await makeRegion(t.dataSource, '09162', { name: 'München, Landeshauptstadt', level: 'kreis' });
    await makeRegion(t.dataSource, '09162000', { name: 'München, Landeshauptstadt', population: 1_500_000 });
    admin = await t.bearer('admin');
    editorKreis = await t.bearer('editor', ['09184'], 'LRA München');
    editorOther = await t.bearer('editor', ['09162'], 'Stadt München');
  });
  afterAll(() => t.close());

  const roundBody = () => ({
    area: '09184',
    title: 'Bestandsaufnahme 2027',
    deadline: dayFromToday(14),
    contacts: { '09184112': 'digital@garching.example' },
  });

  it('refuses a coordinator whose scope does not cover the area', async () => {
    const res = await request(t.app).post('/api/rounds').set('Authorization', editorOther).send(roundBody());
    expect(res.status).toBe(403);
  });

  it('refuses a deadline in the past', async () => {
    const res = await request(t.app)
      .post('/api/rounds')
      .set('Authorization', editorKreis)
      .send({ ...roundBody(), deadline: dayFromToday(-3) });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe('#/deadline');
  });

  it('runs a round: links, answers through them, overdue, refusals, closing with a snapshot', async () => {
    const opened = await request(t.app).post('/api/rounds').set('Authorization', editorKreis).send(roundBody());
    expect(opened.status).toBe(201);
    const id = opened.body.id as number;
    // The Kreis itself and its two Gemeinden; not the city outside it.
    expect(opened.body.members.map((m: { key: string }) => m.key)).toEqual(['09184', '09184112', '09184113']);
    expect(opened.body.members.every((m: { link: string }) => m.link === 'none')).toBe(true);
    expect(opened.body.questionnaireVersion).toBe(1);

    // Links are issued once: a second call gives only members without a working link.
    const issued = await request(t.app).post(`/api/rounds/${id}/links`).set('Authorization', editorKreis).send({});
    expect(issued.status).toBe(200);
    expect(issued.body.links).toHaveLength(3);
    const again = await request(t.app).post(`/api/rounds/${id}/links`).set('Authorization', editorKreis).send({});
    expect(again.body.links).toHaveLength(0);
    const link = Object.fromEntries(
      issued.body.links.map((l: { key: string; url: string }) => [l.key, tokenOf(l.url)]),
    ) as Record<string, string>;
    expect(issued.body.links[1]).toMatchObject({ key: '09184112', email: 'digital@garching.example' });
    // Only the hash is stored.
    const stored = await t.dataSource.getRepository(SurveyRoundMember).find({ where: { roundId: id } });
    expect(stored.map((m) => m.tokenHash)).not.toContain(link['09184112']);

    // Mail merge: reissuing one link as CSV makes the earlier one unknown.
    const csv = await request(t.app)
      .post(`/api/rounds/${id}/links?format=csv`)
      .set('Authorization', editorKreis)
      .send({ reissue: true, keys: ['09184113'] });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Schlüssel;Kommune;E-Mail;Link;Gültig bis');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^09184113;Grasbrunn;;http:\/\/127\.0\.0\.1:\d+\/runde\/rnd_/);
    expect((await request(t.app).get(`/api/round-links/${link['09184113']}`)).status).toBe(404);
    link['09184113'] = tokenOf(lines[1].split(';')[3]);

    // Garching answers and confirms through its link, without an account.
    const seen = await request(t.app).get(`/api/round-links/${link['09184112']}`);
    expect(seen.status).toBe(200);
    expect(seen.body.municipality.key).toBe('09184112');
    expect(seen.body.questionnaire.version).toBe(1);
    const answers = { strategy: 'developing', 'fim-known': 'yes', 'fim-helpful': 'yes' };
    const answered = await request(t.app)
      .put(`/api/round-links/${link['09184112']}/municipalities/09184112/self-assessment`)
      .send({ answers });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ questionnaireVersion: 1, answers, updatedBy: `runde:${id}:09184112` });
    const confirmed = await request(t.app).post(
      `/api/round-links/${link['09184112']}/municipalities/09184112/confirmation`,
    );
    expect(confirmed.status).toBe(204);

    // A link used for another municipality is refused, even the Kreis's for its own Gemeinde.
    const foreign = await request(t.app)
      .put(`/api/round-links/${link['09184112']}/municipalities/09184113/self-assessment`)
      .send({ answers });
    expect(foreign.status).toBe(403);
    const kreisForGemeinde = await request(t.app).post(
      `/api/round-links/${link['09184']}/municipalities/09184113/confirmation`,
    );
    expect(kreisForGemeinde.status).toBe(403);

    // Grasbrunn updates its components through the link: the inventory's own write and history.
    const updated = await request(t.app)
      .put(`/api/round-links/${link['09184113']}/municipalities/09184113/components`)
      .send({ components: [{ component: 'epayment', status: 'in-use' }] });
    expect(updated.status).toBe(200);
    expect(updated.body.components.map((c: { component: string }) => c.component)).toEqual(['epayment']);
    const history = await request(t.app).get('/api/municipalities/09184113/history').set('Authorization', admin);
    expect(history.body.items.map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`)).toEqual([
      `inventory.confirmed runde:${id}:09184113`,
      `component-record.created runde:${id}:09184113`,
    ]);

    // Before the deadline nobody is overdue.
    let round = await request(t.app).get(`/api/rounds/${id}`).set('Authorization', editorKreis);
    expect(round.body.counts).toMatchObject({
      members: 3,
      answered: 1,
      confirmedUnchanged: 1,
      componentsUpdated: 1,
      complete: 1,
      overdue: 0,
    });
    const byKey = (body: { members: { key: string; progress: string; overdue: boolean }[] }) =>
      Object.fromEntries(body.members.map((m) => [m.key, `${m.progress}${m.overdue ? ' overdue' : ''}`]));
    expect(byKey(round.body)).toEqual({ '09184': 'pending', '09184112': 'complete', '09184113': 'partial' });

    // The deadline passes: who is not complete is overdue.
    await t.dataSource.getRepository(SurveyRound).update({ id }, { deadline: dayFromToday(-2) });
    round = await request(t.app).get(`/api/rounds/${id}`).set('Authorization', editorKreis);
    expect(byKey(round.body)).toEqual({
      '09184': 'pending overdue',
      '09184112': 'complete',
      '09184113': 'partial overdue',
    });
    expect(round.body.counts.overdue).toBe(2);

    // Closing freezes the status and the answers; the links stop working.
    const closed = await request(t.app).post(`/api/rounds/${id}/closing`).set('Authorization', editorKreis);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const snapshot = await request(t.app).get(`/api/rounds/${id}/snapshot`).set('Authorization', editorKreis);
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.counts).toMatchObject({ members: 3, answered: 1, overdue: 2 });
    const garching = snapshot.body.members.find((m: { key: string }) => m.key === '09184112');
    expect(garching.selfAssessment).toEqual({ questionnaireVersion: 1, answers });
    expect(garching).not.toHaveProperty('email');
    const afterClose = await request(t.app).get(`/api/round-links/${link['09184112']}`);
    expect(afterClose.status).toBe(403);
    expect(afterClose.body.detail).toMatch(/abgeschlossen/);
    const closeAgain = await request(t.app).post(`/api/rounds/${id}/closing`).set('Authorization', editorKreis);
    expect(closeAgain.status).toBe(409);
    const events = await t.dataSource.getRepository(AuditEvent).find({ where: { entityType: 'survey-round' } });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['round.opened', 'round.links-issued', 'round.closed']),
    );
  });

  it('refuses a revoked link and an expired one', async () => {
    const opened = await request(t.app).post('/api/rounds').set('Authorization', admin).send(roundBody());
    const id = opened.body.id as number;
    const issued = await request(t.app).post(`/api/rounds/${id}/links`).set('Authorization', admin).send({});
    const link = Object.fromEntries(
      issued.body.links.map((l: { key: string; url: string }) => [l.key, tokenOf(l.url)]),
    ) as Record<string, string>;

    expect((await request(t.app).get(`/api/round-links/${link['09184113']}`)).status).toBe(200);
    const revoked = await request(t.app).delete(`/api/rounds/${id}/members/09184113/link`).set('Authorization', admin);
    expect(revoked.status).toBe(204);
    const afterRevoke = await request(t.app).get(`/api/round-links/${link['09184113']}`);
    expect(afterRevoke.status).toBe(403);
    expect(afterRevoke.body.detail).toMatch(/zurückgezogen/);

    const members = await t.dataSource.getRepository(SurveyRoundMember).find({ where: { roundId: id } });
    for (const m of members) {
      await t.dataSource
        .getRepository(SurveyRoundMember)
        .update({ id: m.id }, { linkExpiresAt: new Date(Date.now() - 60_000) });
    }
    const expired = await request(t.app)
      .put(`/api/round-links/${link['09184112']}/municipalities/09184112/self-assessment`)
      .send({ answers: { strategy: 'yes' } });
    expect(expired.status).toBe(403);
    expect(expired.body.detail).toMatch(/abgelaufen/);
    expect((await request(t.app).get('/api/round-links/rnd_unbekanntunbekanntunbekannt')).status).toBe(404);
    const round = await request(t.app).get(`/api/rounds/${id}`).set('Authorization', admin);
    expect(round.body.members.map((m: { link: string }) => m.link)).toEqual(['expired', 'expired', 'revoked']);
  });
});
