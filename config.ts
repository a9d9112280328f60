import { isAbsolute, resolve } from 'node:path';
import { projectRoot } from './lib/paths';

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
}

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
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    database: database as DatabaseConfig,
    logLevel,
    importMaxBytes: importMaxMb * 1024 * 1024,
    fimImportMaxBytes: fimImportMaxMb * 1024 * 1024,
    contact,
    trustProxy,
    loadReferenceData,
    ...(sessionSecret ? { sessionSecret } : {}),
    sessionIdleMinutes,
  };
}
