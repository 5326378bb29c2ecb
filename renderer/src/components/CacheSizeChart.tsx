// Cache size over time: bytes stored against the byte limit.
import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { CachePoint } from '../../../shared/contract';
import { downsampleSeries } from '../lib/downsample';
import { formatBytes } from '../lib/format';
import { niceTicks } from '../lib/nice-ticks';

const MIB = 1024 * 1024;
import { useTheme } from '../theme/theme-context';
import { ChartFrame } from './ChartFrame';
import { CHART_MARGIN, limitLineProps, timeAxisProps, tooltipProps, valueAxisProps } from './chart-style';

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
        <AreaChart width={width} height={height} data={data as CachePoint[]} margin={CHART_MARGIN}>
          <CartesianGrid stroke={p.grid} vertical={false} />
          <XAxis {...timeAxisProps(p, data)} />
          <YAxis {...valueAxisProps(p, ticks, formatBytes)} />
          <Tooltip {...tooltipProps(p, 'Stored', formatBytes)} />
          <ReferenceLine {...limitLineProps(maxBytes, p.warn, `max ${formatBytes(maxBytes)}`)} />
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
