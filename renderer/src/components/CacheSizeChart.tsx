// Cache size over time: bytes stored against the byte limit.
import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { CachePoint } from '../../../shared/contract';
import { downsampleSeries } from '../lib/downsample';
import { formatBytes, formatClock, formatClockSeconds } from '../lib/format';
import { niceTicks } from '../lib/nice-ticks';

const MIB = 1024 * 1024;
import { useTheme } from '../theme/theme-context';
import { ChartFrame } from './ChartFrame';
import { axisTick, tooltipStyle } from './chart-style';

export function CacheSizeChart({ history, maxBytes }: { history: readonly CachePoint[]; maxBytes: number }) {
  const { palette: p } = useTheme();
  const data = useMemo(() => downsampleSeries(history, (d) => d.bytes), [history]);
  // Round ticks in MiB, so the axis reads 0, 25 MiB, 50 MiB…
  const ticks = useMemo(
    () => niceTicks(Math.max(maxBytes * 1.02, ...data.map((d) => d.bytes)) / MIB, 5).map((t) => t * MIB),
    [data, maxBytes],
  );
  return (
    <ChartFrame height={240} label={`Cache size over time, ${data.length} points`}>
      {(width, height) => (
        <AreaChart
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
            domain={[0, ticks[ticks.length - 1]]}
            ticks={ticks}
            tickFormatter={(v: number) => formatBytes(v)}
            tick={axisTick(p)}
            stroke={p.grid}
            width={72}
          />
          <Tooltip
            contentStyle={tooltipStyle(p)}
            labelFormatter={(l) => formatClockSeconds(Number(l))}
            formatter={(v) => [formatBytes(Number(v)), 'Stored']}
          />
          <ReferenceLine
            y={maxBytes}
            stroke={p.warn}
            strokeDasharray="5 4"
            label={{
              value: `max ${formatBytes(maxBytes)}`,
              fill: p.warn,
              fontSize: 11,
              position: 'insideTopRight',
            }}
          />
          <Area
            type="monotone"
            dataKey="bytes"
            stroke={p.series[1]}
            fill={p.series[1]}
            fillOpacity={0.18}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </AreaChart>
      )}
    </ChartFrame>
  );
}
