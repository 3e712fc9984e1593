// Time values typed by users (`--from`, `timestamp:[a TO b]`): ISO-8601, epoch ms, or `now`, `now-24h`, `now-7d`.
import { UsageError } from '../core/errors.js';

const unitMilliseconds: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** Year 1970 to year 9999: anything outside is a typo, not a time. */
const maxEpochMilliseconds = 253_402_300_799_999;

/** Parses a time to epoch ms, or undefined when the text is not a time. */
export function tryParseTime(text: string, now: number = Date.now()): number | undefined {
  const trimmed = text.trim();
  if (/^\d{1,16}$/.test(trimmed)) {
    const value = Number(trimmed);
    return value <= maxEpochMilliseconds ? value : undefined;
  }
  const relative = /^now(?:([-+])(\d{1,6})([smhdw]))?$/.exec(trimmed);
  if (relative) {
    if (relative[1] === undefined) return now;
    const offset = Number(relative[2]) * (unitMilliseconds[relative[3] as string] as number);
    return relative[1] === '-' ? now - offset : now + offset;
  }
  // ISO-8601 date or date-time; a date-time without a zone is read as UTC (logs are in UTC).
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(trimmed);
  if (!iso) return undefined;
  const hasZone = iso[8] !== undefined;
  const normalized = iso[4] === undefined ? `${trimmed}T00:00:00Z` : hasZone ? trimmed : `${trimmed}Z`;
  const value = Date.parse(normalized.replace(' ', 'T'));
  if (!Number.isFinite(value) || value < 0 || value > maxEpochMilliseconds) return undefined;
  // Date.parse accepts 2026-02-31; reject calendar impossibilities by round-tripping the date part.
  const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return value;
}

/** Parses a time or throws a 400 that names the option or field. */
export function parseTime(text: string, name: string, now: number = Date.now()): number {
  const value = tryParseTime(text, now);
  if (value === undefined) {
    throw new UsageError(`${name}: '${text}' is not a time (use ISO-8601 like 2026-01-31T12:00:00Z, epoch milliseconds, or now-24h)`, [
      { path: name, message: 'not a time' },
    ]);
  }
  return value;
}
