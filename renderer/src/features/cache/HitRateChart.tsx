// Cache hit rate over time (0–100%): no line before the first lookup (a rate of nothing is not
// 0 %), and straight segments between samples, so the line never shows a shape the data has not.
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { CachePoint } from '../../../../shared/ipc/contract';
import { hitRateSummary } from '../../ui/charts/chart-summary';
import { downsampleSeries } from '../../ui/charts/downsample';
import { formatRatio } from '../../lib/format';
import { useTheme } from '../../ui/theme-context';
import { ChartFrame } from '../../ui/charts/ChartFrame';
import { axisTick, CHART_MARGIN, timeAxisProps, tooltipProps } from '../../ui/charts/chart-style';

export function HitRateChart({ history }: { history: readonly CachePoint[] }) {
  const { palette: p } = useTheme();
  const data = useMemo(() => downsampleSeries(history, (d) => d.hitRate ?? 0), [history]);
  return (
    <ChartFrame
      height={240}
      label={`Cache hit rate over time, ${data.length} points`}
      summary={hitRateSummary(history)}
    >
      {(width, height) => (
        <LineChart
          width={width}
          height={height}
          data={data as CachePoint[]}
          margin={CHART_MARGIN}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={p.grid} vertical={false} />
          <XAxis {...timeAxisProps(p, data)} />
          <YAxis
            domain={[0, 1]}
            tickFormatter={(v: number) => formatRatio(v, 0)}
            tick={axisTick(p)}
            stroke={p.grid}
            width={48}
          />
          <Tooltip {...tooltipProps(p, 'Hit rate', formatRatio)} />
          <Line
            type="linear"
            connectNulls={false}
            dataKey="hitRate"
            stroke={p.ok}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      )}
    </ChartFrame>
  );
}
