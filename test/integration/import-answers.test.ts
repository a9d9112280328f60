/**
 * Every import route answers the same way (issue 15, one sendImportReport): a rejected run as
 * 422 problem+json, any other as its report with `problemListing`, capped like a rejection,
 * so a run with many warnings cannot grow the answer without bound.
 */
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('import answers', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer('admin');
  });
  afterAll(() => t.close());

  it('answers a successful rules import (formerly the bare report) with its problem listing', async () => {
    const exported = await request(t.app)
      .get('/api/responsibility-rules/export?format=csv')
      .set('Authorization', admin)
      .buffer(true);
    expect(exported.status).toBe(200);
    const res = await request(t.app)
      .post('/api/imports/responsibility-rules?dryRun=true')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(exported.text));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('succeeded');
    expect(res.body.problemListing).toEqual(expect.objectContaining({ total: expect.any(Number) }));
  });

  it('answers a rejected rules import as 422 problem details', async () => {
    const res = await request(t.app)
      .post('/api/imports/responsibility-rules')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from('leistungsschluessel;level\n123;mond\n'));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
