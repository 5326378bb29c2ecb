// Today's cumulative spend over time, with the soft and hard limits as reference lines.
import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { SpendPoint } from '../../../shared/contract';
import { downsampleSeries } from '../lib/downsample';
import { formatClock, formatClockSeconds, formatUsd } from '../lib/format';
import { niceTicks } from '../lib/nice-ticks';
import { useTheme } from '../theme/theme-context';
import { ChartFrame } from './ChartFrame';
import { axisTick, tooltipStyle } from './chart-style';

export function SpendChart({
  history,
  softUsd,
  hardUsd,
}: {
  history: readonly SpendPoint[];
  softUsd: number;
  hardUsd: number;
}) {
  const { palette: p } = useTheme();
  const data = useMemo(() => downsampleSeries(history, (d) => d.spendUsd), [history]);
  const ticks = useMemo(
    () => niceTicks(Math.max(hardUsd * 1.04, ...data.map((d) => d.spendUsd)), 5),
    [data, hardUsd],
  );
  return (
    <ChartFrame height={260} label={`Spend over time, ${data.length} points`}>
      {(width, height) => (
        <AreaChart
          width={width}
          height={height}
          data={data as SpendPoint[]}
          margin={{ top: 12, right: 16, bottom: 4, left: 8 }}
        >
          <defs>
            <linearGradient id="spendFill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={p.accent} stopOpacity={0.35} />
              <stop offset="100%" stopColor={p.accent} stopOpacity={0.02} />
            </linearGradient>
          </defs>
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
            tickFormatter={(v: number) => formatUsd(v)}
            tick={axisTick(p)}
            stroke={p.grid}
            width={72}
          />
          <Tooltip
            contentStyle={tooltipStyle(p)}
            labelFormatter={(l) => formatClockSeconds(Number(l))}
            formatter={(v) => [formatUsd(Number(v)), 'Spend']}
          />
          <ReferenceLine
            y={softUsd}
            stroke={p.warn}
            strokeDasharray="5 4"
            label={{
              value: `soft ${formatUsd(softUsd)}`,
              fill: p.warn,
              fontSize: 11,
              position: 'insideTopRight',
            }}
          />
          <ReferenceLine
            y={hardUsd}
            stroke={p.bad}
            strokeDasharray="5 4"
            label={{
              value: `hard ${formatUsd(hardUsd)}`,
              fill: p.bad,
              fontSize: 11,
              position: 'insideBottomRight',
            }}
          />
          <Area
            type="monotone"
            dataKey="spendUsd"
            stroke={p.accent}
            strokeWidth={2}
            fill="url(#spendFill)"
            isAnimationActive={false}
            dot={false}
          />
        </AreaChart>
      )}
    </ChartFrame>
  );
}
