// Cache size over time: bytes stored, on the data's own scale or on one reaching the byte limit.
import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { CachePoint } from '../../../../shared/ipc/contract';
import { downsampleSeries } from '../../ui/charts/downsample';
import { formatBytes } from '../../lib/format';
import { cacheSizeSummary } from '../../ui/charts/chart-summary';
import { limitsAbove, valueTicks, type ValueScale } from '../../ui/charts/value-scale';
import { useTheme } from '../../ui/theme-context';
import { ChartFrame } from '../../ui/charts/ChartFrame';
import { LimitsAboveNote } from '../../ui/charts/LimitsAboveNote';
import {
  CHART_MARGIN,
  limitLineProps,
  timeAxisProps,
  tooltipProps,
  valueAxisProps,
} from '../../ui/charts/chart-style';

const KIB = 1024;
const MIB = 1024 * KIB;

export function CacheSizeChart({
  history,
  maxBytes,
  scale,
}: {
  history: readonly CachePoint[];
  maxBytes: number;
  scale: ValueScale;
}) {
  const { palette: p } = useTheme();
  const data = useMemo(() => downsampleSeries(history, (d) => d.bytes), [history]);
  const ticks = useMemo(() => {
    const top = data.reduce((m, d) => Math.max(m, d.bytes), 0);
    const reach = scale === 'limits' ? Math.max(top, maxBytes) : top;
    // Round ticks in the unit the axis reads (0, 25 MiB, 50 MiB… or 0, 2 KiB, 4 KiB…).
    return valueTicks(top, [maxBytes], scale, reach >= MIB ? MIB : KIB);
  }, [data, maxBytes, scale]);
  const limit = { value: maxBytes, label: `max ${formatBytes(maxBytes)}` };
  return (
    <>
      <ChartFrame
        height={240}
        label={`Cache size over time, ${data.length} points`}
        summary={cacheSizeSummary(history, maxBytes)}
      >
        {(width, height) => (
          <AreaChart
            width={width}
            height={height}
            data={data as CachePoint[]}
            margin={CHART_MARGIN}
            accessibilityLayer={false}
          >
            <CartesianGrid stroke={p.grid} vertical={false} />
            <XAxis {...timeAxisProps(p, data)} />
            <YAxis {...valueAxisProps(p, ticks, formatBytes)} />
            <Tooltip {...tooltipProps(p, 'Stored', formatBytes)} />
            <ReferenceLine {...limitLineProps(maxBytes, p.warn, limit.label)} />
            <Area
              type="linear"
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
      <LimitsAboveNote limits={limitsAbove([limit], ticks)} />
    </>
  );
}
