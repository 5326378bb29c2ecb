// Gives a chart its measured width (charts draw at a fixed pixel size) and a fixed height. To
// assistive technology a chart is one image, named by `label` and described by `summary` (its
// figures in words); nothing inside it is a tab stop.
import { useId, type ReactNode } from 'react';
import { useElementSize } from '../hooks/useElementSize';

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
