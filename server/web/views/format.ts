/** German formatting of numbers and times for the pages. */

const NUMBER = new Intl.NumberFormat('de-DE');
const PERCENT = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const DATE_TIME = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  dateStyle: 'medium',
  timeStyle: 'short',
});
const DATE = new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', dateStyle: 'medium' });

/** 12345 → "12.345"; null → "–". */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : NUMBER.format(value);
}

/** 12.3 → "12,3 %"; null → "–". */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${PERCENT.format(value)} %`;
}

/** An instant in German local time, e.g. "05.03.2026, 14:07". */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '–';
  return DATE_TIME.format(typeof value === 'string' ? new Date(value) : value);
}

/** A calendar date `YYYY-MM-DD` as "05.03.2026". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  return DATE.format(new Date(`${value}T00:00:00Z`));
}

/** The machine-readable form of an instant for `<time datetime>`. */
export function isoInstant(value: string | Date): string {
  return typeof value === 'string' ? value : value.toISOString();
}
