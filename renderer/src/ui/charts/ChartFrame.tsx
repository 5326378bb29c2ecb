// Gives a chart its measured width (charts draw at a fixed pixel size) and a fixed height. To
// assistive technology a chart is one image, named by `label` and described by `summary` (its
// figures in words); nothing inside it is a tab stop.
import { useEffect, useId, type ReactNode } from 'react';
import { useElementSize } from '../useElementSize';

export function ChartFrame({
  height,
  label,
  summary,
  children,
}: {
  height: number;
  label: string;
  summary: string;
  children: (width: number, height: number) => ReactNode;
}) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const summaryId = useId();
  // Chromium makes an SVG element with focus listeners a tab stop, and React listens on every
  // portal container: recharts' z-index layers (<g>) would be a dozen unnamed stops per screen.
  // tabindex=-1 takes every svg and g of the chart out of the tab order, as it is drawn.
  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const untab = () =>
      frame
        .querySelectorAll('svg:not([tabindex]), g:not([tabindex])')
        .forEach((el) => el.setAttribute('tabindex', '-1'));
    untab();
    if (typeof MutationObserver === 'undefined') return;
    const watch = new MutationObserver(untab);
    watch.observe(frame, { childList: true, subtree: true });
    return () => watch.disconnect();
  }, [ref]);
  return (
    <>
      <div
        ref={ref}
        className="chart-frame"
        style={{ height }}
        role="img"
        aria-label={label}
        aria-describedby={summaryId}
      >
        {size.width > 0 ? children(size.width, height) : null}
      </div>
      <p id={summaryId} className="sr-only" data-testid="chart-summary">
        {summary}
      </p>
    </>
  );
}
