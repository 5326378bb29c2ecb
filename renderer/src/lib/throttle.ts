// Runs `fn` at most once per `ms` for a burst of calls: the first call schedules it (at once if
// the last run is older than `ms`), calls meanwhile add nothing, and the run comes after them.

export interface Throttled {
  call(): void;
  cancel(): void;
}

export function throttle(fn: () => void, ms: number, now: () => number = Date.now): Throttled {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    call() {
      if (timer) return;
      timer = setTimeout(
        () => {
          timer = null;
          last = now();
          fn();
        },
        Math.max(0, last + ms - now()),
      );
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
