import type { Logger } from 'pino';
import type { Config } from '../../config';
import { InputError } from '../../lib/errors';
import { DashboardClient } from '../../sources/dashboard.client';
import { FimPortalClient } from '../../sources/fim-portal.client';
import { HttpClient, type HttpClientOptions } from '../../sources/http-client';
import { OAuth2ClientCredentials } from '../../sources/oauth2';
import { PvogClient } from '../../sources/pvog.client';
import { DEFAULT_SOURCES, type SourcesConfig } from '../../sources/sources-config';

/** The configured sources, defaults filled in for hand-built configs. */
export function sourcesConfig(config: Config): SourcesConfig {
  return config.sources ?? DEFAULT_SOURCES;
}

function client(
  config: Config,
  name: string,
  baseUrl: string,
  maxBytes: number,
  logger?: Logger,
  extra: Partial<HttpClientOptions> = {},
): HttpClient {
  const http = sourcesConfig(config).http;
  return new HttpClient({
    name,
    baseUrl,
    timeoutMs: http.timeoutMs,
    maxAttempts: http.maxAttempts,
    backoff: { baseDelayMs: http.baseDelayMs, maxDelayMs: http.maxDelayMs },
    maxRetryAfterMs: http.maxRetryAfterMs,
    maxBytes,
    onRetry: (info) => logger?.warn(info, 'source request failed, retrying'),
    ...extra,
  });
}

/** The dashboard data API client (`DASHBOARD_BASE_URL`). */
export function dashboardClient(config: Config, logger?: Logger): DashboardClient {
  const d = sourcesConfig(config).dashboard;
  const http = client(config, 'Dashboard-Daten-API', d.baseUrl, config.importMaxBytes, logger);
  return new DashboardClient(http, { includeAbove: d.includeAbove, includeBelow: d.includeBelow });
}

/** The PVOG Bereitstelldienst client with OAuth2 client credentials (`PVOG_*`). */
export function pvogClient(config: Config, logger?: Logger): PvogClient {
  const p = sourcesConfig(config).pvog;
  if (!p.clientId || !p.clientSecret) {
    throw new InputError(
      'Für den PVOG-Bereitstelldienst PVOG_CLIENT_ID und PVOG_CLIENT_SECRET setzen (OAuth2-Zugang der FITKO).',
    );
  }
  const tokenHttp = client(config, 'PVOG-Token-Endpunkt', p.tokenUrl, 1024 * 1024, logger);
  const auth = new OAuth2ClientCredentials(
    {
      tokenUrl: p.tokenUrl,
      clientId: p.clientId,
      clientSecret: p.clientSecret,
      ...(p.scope ? { scope: p.scope } : {}),
    },
    tokenHttp,
  );
  return new PvogClient(
    client(config, 'PVOG-Bereitstelldienst', p.baseUrl, config.fimImportMaxBytes, logger, { auth }),
    p.path,
  );
}

/** The FIM Portal client (`FIM_PORTAL_BASE_URL`). */
export function fimPortalClient(config: Config, logger?: Logger): FimPortalClient {
  return new FimPortalClient(
    client(config, 'FIM-Portal', sourcesConfig(config).fimPortal.baseUrl, config.fimImportMaxBytes, logger),
  );
}
