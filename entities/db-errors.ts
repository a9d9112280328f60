import { ServiceUnavailableError } from '../lib/errors';

/** Seconds a client should wait before retrying after a passing database fault. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
/** Longer wait for faults an operator must fix (disk full, read-only file, damaged file). */
const OPERATOR_RETRY_AFTER_SECONDS = 60;

interface DriverishError {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs that mean "the server cannot serve you now", not "your query is wrong". */
const PG_UNAVAILABLE: Record<string, ServiceUnavailableError['reason']> = {
  '57P01': 'unreachable', // admin_shutdown
  '57P02': 'unreachable', // crash_shutdown
  '57P03': 'unreachable', // cannot_connect_now (starting up, recovery)
  '57014': 'timeout', // query_canceled (statement_timeout)
  '25P03': 'timeout', // idle_in_transaction_session_timeout
  '55P03': 'busy', // lock_not_available
  '53000': 'busy', // insufficient_resources
  '53200': 'busy', // out_of_memory
  '53300': 'busy', // too_many_connections
  '53100': 'storage-full', // disk_full
  '25006': 'read-only', // read_only_sql_transaction (hot standby, default_transaction_read_only)
  '58030': 'damaged', // io_error
  XX001: 'damaged', // data_corrupted
  XX002: 'damaged', // index_corrupted
};

/** node-postgres and pg-pool raise these without a code. */
const PG_MESSAGES: [RegExp, ServiceUnavailableError['reason']][] = [
  [/timeout exceeded when trying to connect/i, 'timeout'],
  [/connection terminated/i, 'unreachable'],
  [/query read timeout/i, 'timeout'],
  [/client has encountered a connection error/i, 'unreachable'],
  [/connection (is )?not open|cannot use a pool after calling end/i, 'unreachable'],
];

const MESSAGES: Record<ServiceUnavailableError['reason'], string> = {
  unreachable: 'Die Datenbank ist nicht erreichbar. Bitte später erneut versuchen.',
  timeout: 'Die Datenbank hat nicht rechtzeitig geantwortet. Bitte später erneut versuchen.',
  busy: 'Die Datenbank ist ausgelastet. Bitte später erneut versuchen.',
  'read-only':
    'Die Datenbank ist schreibgeschützt: Änderungen sind zurzeit nicht möglich. Der Betrieb muss die Schreibrechte der Datenbank prüfen.',
  'storage-full':
    'Speicherplatz erschöpft: Die Datenbank kann nichts mehr speichern. Der Betrieb muss Speicherplatz freigeben.',
  damaged:
    'Die Datenbank meldet einen Lese- oder Schreibfehler (Datei beschädigt oder Datenträger defekt). Der Betrieb ist gefordert.',
};

function sqliteReason(code: string): ServiceUnavailableError['reason'] | undefined {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code === 'SQLITE_FULL') return 'storage-full';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'damaged';
  if (code === 'SQLITE_NOMEM') return 'busy';
  return undefined;
}

function reasonOf(error: DriverishError): ServiceUnavailableError['reason'] | undefined {
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (code) {
    if (code.startsWith('SQLITE_')) return sqliteReason(code);
    if (UNREACHABLE_CODES.has(code)) return 'unreachable';
    if (PG_UNAVAILABLE[code]) return PG_UNAVAILABLE[code];
    // Class 08: connection exception.
    if (/^08[0-9A-Z]{3}$/.test(code)) return 'unreachable';
    if (code === 'ENOSPC') return 'storage-full';
    if (code === 'EROFS') return 'read-only';
  }
  const message = typeof error.message === 'string' ? error.message : '';
  for (const [pattern, reason] of PG_MESSAGES) if (pattern.test(message)) return reason;
  return undefined;
}

/**
 * Tells a database fault (server down or frozen, pool exhausted, timeout, read-only or full
 * storage, damaged file) from a bug: returns the {@link ServiceUnavailableError} to answer
 * with, or undefined for anything else. Looks through TypeORM's `QueryFailedError`
 * (`driverError`) and `cause` chains. The one place that knows driver error codes
 * (node-postgres SQLSTATEs and socket errors, better-sqlite3 result codes).
 */
export function databaseFault(error: unknown): ServiceUnavailableError | undefined {
  if (error instanceof ServiceUnavailableError) return error;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const reason = reasonOf(current as DriverishError);
    if (reason) {
      const operator = reason === 'read-only' || reason === 'storage-full' || reason === 'damaged';
      return new ServiceUnavailableError(
        MESSAGES[reason],
        operator ? OPERATOR_RETRY_AFTER_SECONDS : DATABASE_RETRY_AFTER_SECONDS,
        reason,
      );
    }
    const next = current as DriverishError;
    current = next.driverError ?? next.cause;
  }
  return undefined;
}

/** The German message for a fault class, for start-up and readiness reports. */
export function databaseFaultMessage(reason: ServiceUnavailableError['reason']): string {
  return MESSAGES[reason];
}
