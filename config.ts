import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { projectRoot } from './lib/paths';
import { loadSourcesConfig, type SourcesConfig } from './sources/sources-config';

/** Where the data lives: an embedded SQLite file or a PostgreSQL server. */
export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string; schema?: string };

/** The service's whole configuration, read once from the environment. */
export interface Config {
  port: number;
  database: DatabaseConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Upper limit for one uploaded import file, in bytes. */
  importMaxBytes: number;
  /** Upper limit for one FIM XML file (XZuFi exports of a Land reach 100 MB and more), in bytes. */
  fimImportMaxBytes: number;
  /**
   * Limits on what an import file unpacks to and how many problems an answer lists
   * (`IMPORT_MAX_ROWS`, `IMPORT_MAX_COLUMNS`, `IMPORT_MAX_CELLS`, `IMPORT_MAX_UNPACKED_MB`,
   * `IMPORT_MAX_LISTED_PROBLEMS`); see `importers/tabular/limits.ts`. Optional for hand-built configs.
   */
  importLimits?: {
    maxRows: number;
    maxColumns: number;
    maxCells: number;
    maxUnpackedBytes: number;
    maxListedProblems: number;
  };
  /**
   * Who runs this installation, for feedback on accessibility and data (`CONTACT`: an e-mail
   * address or a URL); shown on the accessibility statement. Null when not configured.
   */
  contact: string | null;
  /** Express `trust proxy` setting: hop count behind a reverse proxy (0 = none). */
  trustProxy: number;
  /** Load the shipped reference data (regions, operators, products) into an empty database at start. */
  loadReferenceData: boolean;
  /**
   * Key that signs the web session cookie (`SESSION_SECRET`, at least 32 characters). When
   * absent, the service generates one on first start and keeps it in the database
   * (`server/auth/session-secret.ts`). Optional here so hand-built configs (tests) need not set it.
   */
  sessionSecret?: string;
  /** Minutes without a request after which a web session ends (`SESSION_IDLE_MINUTES`, rolling). */
  sessionIdleMinutes?: number;
  /**
   * Sign-in throttling shared by all instances (`services/login-throttle.ts`): failures per
   * user name (`LOGIN_MAX_FAILURES_PER_ACCOUNT`) and per client address
   * (`LOGIN_MAX_FAILURES_PER_CLIENT`) within `LOGIN_WINDOW_MINUTES`, then locked for
   * `LOGIN_LOCKOUT_MINUTES`. Optional: defaults apply (10, 100, 15, 15).
   */
  loginLimits?: { perAccount: number; perClient: number; windowMs: number; lockoutMs: number };
  /**
   * Overload protection (`server/http/admission.ts`): heavy requests (reports, imports, area and
   * OZG pages) computing at once (`HEAVY_CONCURRENCY`, default: number of CPUs), waiting beyond
   * them (`HEAVY_QUEUE`), and the longest wait in seconds (`HEAVY_QUEUE_WAIT_SECONDS`); beyond
   * these a request gets 503 with Retry-After. Optional so hand-built configs need not set them.
   */
  heavy?: { concurrency: number; queue: number; maxWaitMs: number };
  /**
   * Compute workers (`server/compute/`): worker threads that build heavy reports and report
   * pages off the main thread (`COMPUTE_WORKERS`, default: `HEAVY_CONCURRENCY`; 0 computes in
   * the main thread), each with a heap limit (`COMPUTE_WORKER_MEMORY_MB`, default 4096).
   * Optional: without it (hand-built configs) reports are computed in the main thread.
   */
  compute?: { workers: number; memoryMb: number };
  /**
   * Seconds a finished shared API report (gap and opportunities reports) is reused at the same
   * data version (`REPORT_REUSE_SECONDS`, default 30; 0 recomputes every time once it settled).
   * Optional: default applies.
   */
  reportReuseSeconds?: number;
  /**
   * Database fault handling (`ormconfig.ts`, `entities/db-health.ts`): PostgreSQL connect,
   * statement, idle-in-transaction and idle-client timeouts in milliseconds, and the free disk
   * space (MB) below which an SQLite installation reports itself not ready. Optional: defaults apply.
   */
  databaseLimits?: DatabaseLimits;
  /**
   * Deepest nesting of objects and arrays in a JSON body (`JSON_MAX_DEPTH`, 2–64, default 64),
   * checked on the raw bytes before parsing (`server/http/json-body.ts`). Optional: default applies.
   */
  jsonMaxDepth?: number;
  /**
   * Outgoing mail for round reminders (`SMTP_URL`, e.g. `smtp://user:pass@mail.example:587`,
   * and `MAIL_FROM`); null or absent when not configured: then rounds work without reminders.
   */
  mail?: { smtpUrl: string; from: string } | null;
  /**
   * The address the service is reached at from outside (`PUBLIC_URL`), for the links in round
   * mails and mail-merge exports; absent: taken from the request.
   */
  publicUrl?: string | null;
  /**
   * Public sources and scheduled syncs (`DASHBOARD_*`, `PVOG_*`, `FIM_PORTAL_BASE_URL`,
   * `SOURCE_*`, `SYNC_SCHEDULE_*`; `sources/sources-config.ts`, docs/sync.md). Optional: defaults apply.
   */
  sources?: SourcesConfig;
}

/** See {@link Config.databaseLimits}; `DB_*` environment variables. */
export interface DatabaseLimits {
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  idleTimeoutMs: number;
  minFreeMb: number;
}

/** Defaults of {@link DatabaseLimits}. */
export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = {
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 60_000,
  idleTimeoutMs: 30_000,
  minFreeMb: 50,
};

/** Thrown when the environment holds bad values; the message names every one of them. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ungültige Konfiguration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Parses a `DATABASE_URL`: `sqlite:PATH` (relative paths are resolved against the project
 * root, `sqlite::memory:` is an in-memory database) or `postgres://…` / `postgresql://…`.
 * Returns an error message instead of throwing so all variables can be reported together.
 */
export function parseDatabaseUrl(raw: string): DatabaseConfig | string {
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) return 'DATABASE_URL: "sqlite:" braucht einen Dateipfad, z. B. sqlite:var/atlas.sqlite';
    if (path === ':memory:') return { type: 'sqlite', path };
    return { type: 'sqlite', path: isAbsolute(path) ? path : resolve(projectRoot, path) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      const url = new URL(raw);
      if (!url.hostname && !url.searchParams.get('host')) {
        return 'DATABASE_URL: PostgreSQL-URL ohne Host';
      }
      const schema = url.searchParams.get('schema') ?? undefined;
      return schema ? { type: 'postgres', url: raw, schema } : { type: 'postgres', url: raw };
    } catch {
      return `DATABASE_URL: "${redact(raw)}" ist keine gültige URL`;
    }
  }
  return `DATABASE_URL: "${redact(raw)}" wird nicht unterstützt (erwartet sqlite:PFAD oder postgres://…)`;
}

/** Hides a password in a connection URL before it is shown anywhere. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

function parseInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name}: "${raw}" ist keine ganze Zahl zwischen ${min} und ${max}`);
    return fallback;
  }
  return Number(raw);
}

function parseBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|ja)$/i.test(raw)) return true;
  if (/^(0|false|no|nein)$/i.test(raw)) return false;
  problems.push(`${name}: "${raw}" ist kein Wahrheitswert (true/false)`);
  return fallback;
}

/**
 * Reads and validates the configuration. Every bad variable is collected, then one
 * {@link ConfigError} names them all, so an operator fixes the environment in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const port = parseInteger(env, 'PORT', 3000, 0, 65535, problems);
  const database = parseDatabaseUrl(env.DATABASE_URL || 'sqlite:var/atlas.sqlite');
  if (typeof database === 'string') problems.push(database);
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL: "${env.LOG_LEVEL}" ist keine der Stufen ${LOG_LEVELS.join(', ')}`);
  }
  const importMaxMb = parseInteger(env, 'IMPORT_MAX_MB', 50, 1, 4096, problems);
  const fimImportMaxMb = parseInteger(env, 'FIM_IMPORT_MAX_MB', 200, 1, 4096, problems);
  const importLimits = {
    maxRows: parseInteger(env, 'IMPORT_MAX_ROWS', 500_000, 1, 1_048_576, problems),
    maxColumns: parseInteger(env, 'IMPORT_MAX_COLUMNS', 200, 1, 16_384, problems),
    maxCells: parseInteger(env, 'IMPORT_MAX_CELLS', 5_000_000, 1, 100_000_000, problems),
    maxUnpackedBytes: parseInteger(env, 'IMPORT_MAX_UNPACKED_MB', 200, 1, 4096, problems) * 1024 * 1024,
    maxListedProblems: parseInteger(env, 'IMPORT_MAX_LISTED_PROBLEMS', 1000, 1, 100_000, problems),
  };
  const trustProxy = parseInteger(env, 'TRUST_PROXY', 0, 0, 10, problems);
  const contact = env.CONTACT?.trim() || null;
  if (contact !== null && !/^(mailto:)?[^@\s]+@[^@\s]+\.[^@\s]+$|^https?:\/\/\S+$/.test(contact)) {
    problems.push(`CONTACT: "${contact}" ist weder eine E-Mail-Adresse noch eine http(s)-Adresse`);
  }
  const loadReferenceData = parseBoolean(env, 'LOAD_REFERENCE_DATA', true, problems);
  const sessionSecret = env.SESSION_SECRET || undefined;
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET: mindestens 32 Zeichen (oder weglassen: dann erzeugt der Dienst selbst einen)');
  }
  const sessionIdleMinutes = parseInteger(env, 'SESSION_IDLE_MINUTES', 120, 5, 7 * 24 * 60, problems);
  const loginLimits = {
    perAccount: parseInteger(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 10, 1, 1000, problems),
    perClient: parseInteger(env, 'LOGIN_MAX_FAILURES_PER_CLIENT', 100, 1, 100_000, problems),
    windowMs: parseInteger(env, 'LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60, problems) * 60_000,
    lockoutMs: parseInteger(env, 'LOGIN_LOCKOUT_MINUTES', 15, 1, 24 * 60, problems) * 60_000,
  };
  const heavy = {
    concurrency: parseInteger(env, 'HEAVY_CONCURRENCY', availableParallelism(), 1, 256, problems),
    queue: parseInteger(env, 'HEAVY_QUEUE', 256, 0, 10_000, problems),
    maxWaitMs: parseInteger(env, 'HEAVY_QUEUE_WAIT_SECONDS', 15, 1, 600, problems) * 1000,
  };
  const compute = {
    workers: parseInteger(env, 'COMPUTE_WORKERS', heavy.concurrency, 0, 64, problems),
    memoryMb: parseInteger(env, 'COMPUTE_WORKER_MEMORY_MB', 4096, 256, 65_536, problems),
  };
  const reportReuseSeconds = parseInteger(env, 'REPORT_REUSE_SECONDS', 30, 0, 3600, problems);
  const d = DEFAULT_DATABASE_LIMITS;
  const databaseLimits: DatabaseLimits = {
    connectTimeoutMs: parseInteger(env, 'DB_CONNECT_TIMEOUT_MS', d.connectTimeoutMs, 100, 600_000, problems),
    statementTimeoutMs: parseInteger(env, 'DB_STATEMENT_TIMEOUT_MS', d.statementTimeoutMs, 100, 86_400_000, problems),
    idleInTransactionTimeoutMs: parseInteger(
      env,
      'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS',
      d.idleInTransactionTimeoutMs,
      1_000,
      86_400_000,
      problems,
    ),
    idleTimeoutMs: parseInteger(env, 'DB_IDLE_TIMEOUT_MS', d.idleTimeoutMs, 1_000, 86_400_000, problems),
    minFreeMb: parseInteger(env, 'DB_MIN_FREE_MB', d.minFreeMb, 0, 1_000_000, problems),
  };
  const jsonMaxDepth = parseInteger(env, 'JSON_MAX_DEPTH', 64, 2, 64, problems);
  const smtpUrl = env.SMTP_URL?.trim() || null;
  const mailFrom = env.MAIL_FROM?.trim() || null;
  if (smtpUrl !== null && !/^smtps?:\/\/\S+$/i.test(smtpUrl))
    problems.push('SMTP_URL: muss mit smtp:// oder smtps:// beginnen');
  if ((smtpUrl === null) !== (mailFrom === null)) problems.push('SMTP_URL und MAIL_FROM: nur zusammen angeben');
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicUrl !== null && !/^https?:\/\/\S+$/i.test(publicUrl))
    problems.push('PUBLIC_URL: muss eine http(s)-Adresse sein');
  const sources = loadSourcesConfig(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    database: database as DatabaseConfig,
    logLevel,
    importMaxBytes: importMaxMb * 1024 * 1024,
    fimImportMaxBytes: fimImportMaxMb * 1024 * 1024,
    importLimits,
    contact,
    trustProxy,
    loadReferenceData,
    ...(sessionSecret ? { sessionSecret } : {}),
    sessionIdleMinutes,
    loginLimits,
    heavy,
    compute,
    reportReuseSeconds,
    databaseLimits,
    jsonMaxDepth,
    mail: smtpUrl && mailFrom ? { smtpUrl, from: mailFrom } : null,
    publicUrl,
    sources,
  };
}
