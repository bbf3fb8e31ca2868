/**
 * CronJob `spec.schedule` syntax as the CronJob controller reads it (the standard 5-field parser of
 * robfig/cron v3: minute hour day-of-month month day-of-week; `*`, `?`, lists, ranges, steps, month and
 * weekday names; the descriptors @yearly @annually @monthly @weekly @daily @midnight @hourly and
 * `@every <duration>`). Returns an error text, or null when the schedule is valid.
 *
 * Written here because the maintained npm cron parsers (cron-parser, croner) accept seconds fields,
 * `L`/`W`/`#` and other extensions the controller rejects, so they would pass schedules the API server refuses.
 */

interface Field {
  name: string;
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const FIELDS: Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Go duration syntax ("1h30m", "90s", "1.5h"). */
const GO_DURATION = /^([0-9]*(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$/;

export function cronScheduleError(schedule: string): string | null {
  const s = schedule.trim();
  if (s.length === 0) return 'empty spec string';
  if (/^(CRON_)?TZ=/.test(s)) return 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead';
  if (s.startsWith('@')) {
    if (DESCRIPTORS.has(s)) return null;
    if (s.startsWith('@every ')) {
      const d = s.slice('@every '.length).trim();
      return GO_DURATION.test(d) && /[0-9]/.test(d) ? null : `failed to parse duration ${s}: time: invalid duration ${JSON.stringify(d)}`;
    }
    return `unrecognized descriptor: ${s}`;
  }
  const parts = s.split(/\s+/);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    const err = fieldError(parts[i], FIELDS[i], i === 2 || i === 4);
    if (err) return err;
  }
  return null;
}

function fieldError(expr: string, f: Field, allowQuestion: boolean): string | null {
  for (const part of expr.split(',')) {
    const err = rangeError(part, f, allowQuestion);
    if (err) return err;
  }
  return null;
}

function rangeError(expr: string, f: Field, allowQuestion: boolean): string | null {
  const slash = expr.split('/');
  if (slash.length > 2) return `too many slashes: ${expr}`;
  const lowHigh = slash[0].split('-');
  let start: number;
  let end: number;
  const single = lowHigh.length === 1;
  if (lowHigh[0] === '*' || (allowQuestion && lowHigh[0] === '?')) {
    if (!single) return `too many hyphens: ${expr}`;
    start = f.min;
    end = f.max;
  } else {
    if (lowHigh.length > 2) return `too many hyphens: ${expr}`;
    const a = value(lowHigh[0], f);
    if (typeof a === 'string') return a;
    start = a;
    if (single) end = a;
    else {
      const b = value(lowHigh[1], f);
      if (typeof b === 'string') return b;
      end = b;
    }
  }
  if (slash.length === 2) {
    const step = Number(slash[1]);
    if (!/^[0-9]+$/.test(slash[1])) return `failed to parse int from ${slash[1]}: strconv.Atoi: parsing ${JSON.stringify(slash[1])}: invalid syntax`;
    if (step === 0) return `step of range should be a positive number: ${expr}`;
  }
  if (start < f.min) return `beginning of range (${start}) below minimum (${f.min}): ${expr}`;
  if (end > f.max) return `end of range (${end}) above maximum (${f.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  return null;
}

function value(text: string, f: Field): number | string {
  const named = f.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^[0-9]+$/.test(text)) return `failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`;
  return Number(text);
}
