// Snapshots are pushed by PENIN; this slow poll only covers a missed push.
export const SAFETY_REFRESH_MS = 30_000;

/** Cap on live-appended chart history kept in memory (charts downsample it anyway). */
export const MAX_HISTORY_POINTS = 50_000;

/** Appends `point` unless it is not newer than the last one; drops the oldest beyond the cap. */
export function appendPoint<T extends { at: number }>(
  history: readonly T[] | undefined,
  point: T,
): T[] | undefined {
  if (!history) return history;
  const last = history[history.length - 1];
  if (last && point.at <= last.at) return history as T[];
  const next =
    history.length >= MAX_HISTORY_POINTS
      ? history.slice(history.length - MAX_HISTORY_POINTS + 1)
      : history.slice();
  next.push(point);
  return next;
}
