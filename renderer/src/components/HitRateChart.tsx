// Cache hit rate over time (0–100%).
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { CachePoint } from '../../../shared/contract';
import { downsampleSeries } from '../lib/downsample';
import { formatClock, formatClockSeconds, formatRatio } from '../lib/format';
import { useTheme } from '../theme/theme-context';
import { ChartFrame } from './ChartFrame';
import { axisTick, tooltipStyle } from './chart-style';

export function HitRateChart({ history }: { history: readonly CachePoint[] }) {
  const { palette: p } = useTheme();
  const data = useMemo(() => downsampleSeries(history, (d) => d.hitRate), [history]);
  return (
    <ChartFrame height={240} label={`Cache hit rate over time, ${data.length} points`}>
      {(width, height) => (
        <LineChart
          width={width}
          height={height}
          data={data as CachePoint[]}
          margin={{ top: 12, right: 16, bottom: 4, left: 8 }}
        >
          <CartesianGrid stroke={p.grid} vertical={false} />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(v: number) => formatClock(v)}
            tick={axisTick(p)}
            stroke={p.grid}
            minTickGap={40}
          />
          <YAxis
            domain={[0, 1]}
            tickFormatter={(v: number) => formatRatio(v, 0)}
            tick={axisTick(p)}
            stroke={p.grid}
            width={48}
          />
          <Tooltip
            contentStyle={tooltipStyle(p)}
            labelFormatter={(l) => formatClockSeconds(Number(l))}
            formatter={(v) => [formatRatio(Number(v)), 'Hit rate']}
          />
          <Line
            type="monotone"
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
