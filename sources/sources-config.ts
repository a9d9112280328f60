import { Cron } from 'croner';

/**
 * The configuration of the public sources and of scheduled syncs (issue 13, docs/sync.md),
 * read from the environment by `config.ts`. Defaults are the sources' public addresses.
 */

/** Timeouts and retries shared by every source client (`sources/http-client.ts`). */
export interface SourceHttpConfig {
  timeoutMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

/** A scheduled sync: which source, when (cron expression), and over what. */
export interface SyncSchedule {
  source: 'dashboard' | 'pvog' | 'fim-portal';
  cron: string;
  /**
   * Dashboard: ARS or `all`; PVOG: at most one ARS (empty: everything); FIM Portal:
   * Leistungsschlüssel or `missing` (every Leistung no XZuFi has described yet).
   */
  scope: string[];
}

/** See the module comment; every field has a default except the PVOG credentials. */
export interface SourcesConfig {
  http: SourceHttpConfig;
  dashboard: { baseUrl: string; pageSize: number; includeAbove: boolean; includeBelow: boolean };
  pvog: {
    baseUrl: string;
    path: string;
    tokenUrl: string;
    clientId: string | null;
    clientSecret: string | null;
    scope: string | null;
  };
  fimPortal: { baseUrl: string };
  schedules: SyncSchedule[];
}

/** The public addresses, as published (docs/sync.md names where each comes from). */
export const DEFAULT_SOURCES: SourcesConfig = {
  http: { timeoutMs: 30_000, maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, maxRetryAfterMs: 300_000 },
  dashboard: {
    baseUrl: 'https://dashboard-daten.digitale-verwaltung.de/api',
    pageSize: 100,
    includeAbove: false,
    includeBelow: true,
  },
  pvog: {
    baseUrl: 'https://pvog.fitko.net/bereitstelldienst/api',
    path: '/v3/verwaltungsobjekte/xzufi-2-3-1',
    tokenUrl: 'https://pvog.fitko.net/auth/realms/pvog/protocol/openid-connect/token',
    clientId: null,
    clientSecret: null,
    scope: null,
  },
  fimPortal: { baseUrl: 'https://fimportal.de' },
  schedules: [],
};

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name}: "${raw}" ist keine ganze Zahl zwischen ${min} und ${max}`);
    return fallback;
  }
  return Number(raw);
}

function httpUrl(env: NodeJS.ProcessEnv, name: string, fallback: string, problems: string[]): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push(`${name}: "${raw}" ist keine http(s)-Adresse`);
  return fallback;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const SCHEDULES = [
  { source: 'dashboard', cron: 'SYNC_SCHEDULE_DASHBOARD', scope: 'SYNC_DASHBOARD_ARS', fallback: ['all'] },
  { source: 'pvog', cron: 'SYNC_SCHEDULE_PVOG', scope: 'SYNC_PVOG_ARS', fallback: [] },
  { source: 'fim-portal', cron: 'SYNC_SCHEDULE_FIM_PORTAL', scope: 'SYNC_FIM_PORTAL_LEISTUNGEN', fallback: [] },
] as const;

function schedules(env: NodeJS.ProcessEnv, problems: string[]): SyncSchedule[] {
  const result: SyncSchedule[] = [];
  for (const s of SCHEDULES) {
    const cron = env[s.cron]?.trim();
    if (!cron) continue;
    try {
      new Cron(cron, { paused: true }).stop();
    } catch (error) {
      problems.push(`${s.cron}: "${cron}" ist kein gültiger Cron-Ausdruck (${(error as Error).message})`);
      continue;
    }
    const scope = list(env[s.scope]);
    if (s.source === 'fim-portal' && scope.length === 0) {
      problems.push(`${s.scope}: für ${s.cron} die Leistungsschlüssel angeben (durch Komma getrennt) oder missing`);
      continue;
    }
    if (s.source === 'pvog' && scope.length > 1) problems.push(`${s.scope}: höchstens ein ARS`);
    result.push({ source: s.source, cron, scope: scope.length > 0 ? scope : [...s.fallback] });
  }
  return result;
}

/** Reads the sources' configuration; bad values are added to `problems` (named by variable). */
export function loadSourcesConfig(env: NodeJS.ProcessEnv, problems: string[]): SourcesConfig {
  const d = DEFAULT_SOURCES;
  const bool = (name: string, fallback: boolean) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (/^(true|false)$/i.test(raw)) return /^true$/i.test(raw);
    problems.push(`${name}: "${raw}" ist kein Wahrheitswert (true/false)`);
    return fallback;
  };
  const clientId = env.PVOG_CLIENT_ID?.trim() || null;
  const clientSecret = env.PVOG_CLIENT_SECRET || null;
  if ((clientId === null) !== (clientSecret === null)) {
    problems.push('PVOG_CLIENT_ID und PVOG_CLIENT_SECRET nur zusammen angeben');
  }
  return {
    http: {
      timeoutMs: integer(env, 'SOURCE_TIMEOUT_SECONDS', 30, 1, 3600, problems) * 1000,
      maxAttempts: integer(env, 'SOURCE_MAX_ATTEMPTS', d.http.maxAttempts, 1, 20, problems),
      baseDelayMs: integer(env, 'SOURCE_RETRY_BASE_MS', d.http.baseDelayMs, 1, 600_000, problems),
      maxDelayMs: integer(env, 'SOURCE_RETRY_MAX_SECONDS', 60, 1, 3600, problems) * 1000,
      maxRetryAfterMs: integer(env, 'SOURCE_RETRY_AFTER_MAX_SECONDS', 300, 0, 86_400, problems) * 1000,
    },
    dashboard: {
      baseUrl: httpUrl(env, 'DASHBOARD_BASE_URL', d.dashboard.baseUrl, problems),
      pageSize: integer(env, 'DASHBOARD_PAGE_SIZE', d.dashboard.pageSize, 1, 10_000, problems),
      includeAbove: bool('DASHBOARD_INCLUDE_ABOVE', d.dashboard.includeAbove),
      includeBelow: bool('DASHBOARD_INCLUDE_BELOW', d.dashboard.includeBelow),
    },
    pvog: {
      baseUrl: httpUrl(env, 'PVOG_BASE_URL', d.pvog.baseUrl, problems),
      path: env.PVOG_PATH?.trim() || d.pvog.path,
      tokenUrl: httpUrl(env, 'PVOG_TOKEN_URL', d.pvog.tokenUrl, problems),
      clientId,
      clientSecret,
      scope: env.PVOG_SCOPE?.trim() || null,
    },
    fimPortal: { baseUrl: httpUrl(env, 'FIM_PORTAL_BASE_URL', d.fimPortal.baseUrl, problems) },
    schedules: schedules(env, problems),
  };
}
