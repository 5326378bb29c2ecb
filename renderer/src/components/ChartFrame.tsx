// Gives a chart its measured width (charts draw at a fixed pixel size) and a fixed height.
import type { ReactNode } from 'react';
import { useElementSize } from '../hooks/useElementSize';

export function ChartFrame({
  height,
  label,
  children,
}: {
  height: number;
  label: string;
  children: (width: number, height: number) => ReactNode;
}) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  return (
    <div ref={ref} className="chart-frame" style={{ height }} role="img" aria-label={label}>
      {size.width > 0 ? children(size.width, height) : null}
    </div>
  );
}
