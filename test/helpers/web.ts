import type { Express } from 'express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../entities/transaction';
import { cliPrincipal, type Role } from '../../lib/principal';
import { createUser } from '../../services/user.service';

/** A cheap scrypt cost for tests; the service always uses the strong default. */
export const TEST_SCRYPT_COST = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = 'richtig-langes-passwort';

/** Creates a web user with a cheap hash. */
export async function makeUser(
  dataSource: DataSource,
  userName: string,
  role: Role,
  scopes: string[] = [],
  password = TEST_PASSWORD,
): Promise<void> {
  await inTransaction(dataSource, (tx) =>
    createUser(
      tx,
      { userName, displayName: `Test ${userName}`, password, role, scopes },
      { principal: cliPrincipal(), requestId: null },
      { cost: TEST_SCRYPT_COST },
    ),
  );
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1];
}

/** A hidden field's value. */
export function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no field ${name}`);
  return match[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** A browser-like agent (keeps cookies) that is signed in as the given user. */
export async function signedInAgent(app: Express, userName: string, password = TEST_PASSWORD) {
  const agent = request.agent(app);
  const form = await agent.get('/anmeldung').set('Accept', 'text/html');
  const res = await agent
    .post('/anmeldung')
    .type('form')
    .set('Accept', 'text/html')
    .send({ _csrf: csrfOf(form.text), benutzername: userName, passwort: password, weiter: '/' });
  if (res.status !== 303) throw new Error(`login failed with ${res.status}: ${res.text.slice(0, 500)}`);
  return agent;
}
