/**
 * Shared by the sync tests: a local PVOG Bereitstelldienst (token endpoint and paged XZuFi
 * from the real fixtures), a config pointing at it, and a comparable dump of the synced data.
 */
import type { DataSource } from 'typeorm';
import { loadConfig, type Config } from '../../config';
import {
  FimLeistung,
  FimLeistungKey,
  FimOnlinedienst,
  FimZustaendigkeit,
  FimZustaendigkeitGebiet,
  Leistung,
  Offering,
} from '../../entities';
import { pvogEnvelope, sendJson, type SeenRequest, type SourceServer } from './source-server';
import type { ServerResponse } from 'node:http';

export const PVOG_PATH = '/bereitstelldienst/api/v3/verwaltungsobjekte/xzufi-2-3-1';

/** A config whose sources are the local test server; retries are quick. */
export function syncTestConfig(server: SourceServer, extra: Record<string, string> = {}): Config {
  return loadConfig({
    DASHBOARD_BASE_URL: `${server.url}/dashboard/api`,
    PVOG_BASE_URL: `${server.url}/bereitstelldienst/api`,
    PVOG_TOKEN_URL: `${server.url}/auth/realms/pvog/protocol/openid-connect/token`,
    PVOG_CLIENT_ID: 'atlas',
    PVOG_CLIENT_SECRET: 'geheim',
    FIM_PORTAL_BASE_URL: `${server.url}/fim`,
    SOURCE_RETRY_BASE_MS: '1',
    SOURCE_RETRY_MAX_SECONDS: '1',
    SOURCE_MAX_ATTEMPTS: '2',
    SOURCE_TIMEOUT_SECONDS: '5',
    ...extra,
  });
}

/**
 * Answers the token endpoint and the Bereitstelldienst's pages (`index` = 100 × page number);
 * `override` may answer a request itself (return true) to inject failures.
 */
export function pvogHandler(
  server: SourceServer,
  pages: () => string[],
  override: (req: SeenRequest, res: ServerResponse, page: number) => boolean = () => false,
) {
  return (req: SeenRequest, res: ServerResponse) => {
    if (req.path.endsWith('/openid-connect/token')) {
      return sendJson(res, 200, { access_token: 'tok', token_type: 'Bearer', expires_in: 300 });
    }
    if (req.path !== PVOG_PATH) return sendJson(res, 404, {});
    if (req.headers.authorization !== 'Bearer tok') return sendJson(res, 401, {});
    const page = Number(req.query.get('index') ?? 0) / 100;
    if (override(req, res, page)) return;
    sendJson(
      res,
      200,
      pvogEnvelope(pages(), page, (index) => `${server.url}${PVOG_PATH}?index=${index}`),
    );
  };
}

const VOLATILE = /^(id|.*Id|.*At|importRun.*)$/;

/** The synced data without ids and timestamps, sorted: equal for equal content. */
export async function syncedData(dataSource: DataSource): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const entity of [
    Leistung,
    FimLeistung,
    FimLeistungKey,
    FimOnlinedienst,
    FimZustaendigkeit,
    FimZustaendigkeitGebiet,
    Offering,
  ]) {
    const rows = (await dataSource.getRepository(entity).find()) as object[];
    out[entity.name] = rows
      .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([k]) => !VOLATILE.test(k)))))
      .sort();
  }
  return out;
}
