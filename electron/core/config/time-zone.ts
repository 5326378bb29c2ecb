// IANA time zones, checked with Intl.DateTimeFormat (no tz database of our own). The config checks
// its timeZone here, and the budget's day math (budget/budget-day.ts) formats dates with the same
// cached formatters.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The cached YYYY-MM-DD formatter of `timeZone`; a clear RangeError for a zone this runtime does not know. */
export function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      throw new RangeError(
        `invalid time zone ${JSON.stringify(timeZone)}: expected an IANA name such as "UTC" or "America/Sao_Paulo"`,
      );
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a clear RangeError unless `timeZone` is an IANA time zone this runtime knows; returns it. */
export function assertTimeZone(timeZone: string): string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') {
    throw new RangeError(
      `invalid time zone ${JSON.stringify(timeZone)}: expected an IANA name such as "UTC"`,
    );
  }
  dateFormatter(timeZone);
  return timeZone;
}
