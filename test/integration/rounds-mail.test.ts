import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

interface Received {
  to: string[];
  text: string;
}

/** A local SMTP server on a free port that keeps every message it receives. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          text: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

function dayFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('round reminders by e-mail', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({
      mail: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'atlas@kreis.example' },
      publicUrl: 'https://atlas.kreis.example',
    });
    await makeRegion(t.dataSource, '09', { name: 'Bayern', level: 'land' });
    await makeRegion(t.dataSource, '09184', { name: 'München, Landkreis', level: 'kreis' });
    await makeRegion(t.dataSource, '09184112', { name: 'Garching' });
    await makeRegion(t.dataSource, '09184113', { name: 'Grasbrunn' });
    admin = await t.bearer('admin');
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('reminds who is not complete and has an address, with a fresh link that replaces the old one', async () => {
    const opened = await request(t.app)
      .post('/api/rounds')
      .set('Authorization', admin)
      .send({
        area: '09184',
        title: 'Bestandsaufnahme 2027',
        deadline: dayFromToday(10),
        contacts: { '09184112': 'digital@garching.example', '09184113': 'it@grasbrunn.example' },
      });
    const id = opened.body.id as number;
    const issued = await request(t.app).post(`/api/rounds/${id}/links`).set('Authorization', admin).send({});
    const links = Object.fromEntries(issued.body.links.map((l: { key: string; url: string }) => [l.key, l.url]));
    expect(links['09184112']).toMatch(/^https:\/\/atlas\.kreis\.example\/runde\/rnd_/);
    const token = (url: string) => url.slice(url.lastIndexOf('/') + 1);

    // Grasbrunn is complete: answered and confirmed.
    const grasbrunn = token(links['09184113']);
    await request(t.app)
      .put(`/api/round-links/${grasbrunn}/municipalities/09184113/self-assessment`)
      .send({ answers: { strategy: 'no' } })
      .expect(200);
    await request(t.app).post(`/api/round-links/${grasbrunn}/municipalities/09184113/confirmation`).expect(204);

    const res = await request(t.app).post(`/api/rounds/${id}/reminders`).set('Authorization', admin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sent: ['09184112'], withoutAddress: ['09184'], revoked: [], failed: [] });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(['digital@garching.example']);
    const body = smtp.received[0].text.replace(/=\r?\n/g, '');
    const sentLink = /https:\/\/atlas\.kreis\.example\/runde\/(rnd_[A-Za-z0-9_-]+)/.exec(body);
    expect(sentLink).not.toBeNull();
    expect(body).toMatch(/Bestandsaufnahme 2027/);

    // The mailed link works; the one issued before does not any more.
    expect((await request(t.app).get(`/api/round-links/${sentLink![1]}`)).status).toBe(200);
    expect((await request(t.app).get(`/api/round-links/${token(links['09184112'])}`)).status).toBe(404);
    const round = await request(t.app).get(`/api/rounds/${id}`).set('Authorization', admin);
    const garching = round.body.members.find((m: { key: string }) => m.key === '09184112');
    expect(garching.reminders).toBe(1);

    // A revoked link is not brought back by a reminder.
    await request(t.app).delete(`/api/rounds/${id}/members/09184112/link`).set('Authorization', admin).expect(204);
    const second = await request(t.app).post(`/api/rounds/${id}/reminders`).set('Authorization', admin);
    expect(second.body).toEqual({ sent: [], withoutAddress: ['09184'], revoked: ['09184112'], failed: [] });
    expect(smtp.received).toHaveLength(1);
    expect((await request(t.app).get(`/api/round-links/${sentLink![1]}`)).status).toBe(403);
  });

  it('answers 409 when no mail server is configured', async () => {
    const bare = await createTestApp();
    try {
      await makeRegion(bare.dataSource, '09', { name: 'Bayern', level: 'land' });
      await makeRegion(bare.dataSource, '09184', { name: 'München, Landkreis', level: 'kreis' });
      const auth = await bare.bearer('admin');
      const opened = await request(bare.app)
        .post('/api/rounds')
        .set('Authorization', auth)
        .send({ area: '09184', title: 'Runde', deadline: dayFromToday(3) });
      const res = await request(bare.app).post(`/api/rounds/${opened.body.id}/reminders`).set('Authorization', auth);
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/SMTP_URL/);
    } finally {
      await bare.close();
    }
  });
});
