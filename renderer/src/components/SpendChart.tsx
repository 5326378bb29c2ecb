// Today's cumulative spend over time, with the soft and hard limits as reference lines.
import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { SpendPoint } from '../../../shared/contract';
import { downsampleSeries } from '../lib/downsample';
import { formatUsd } from '../lib/format';
import { niceTicks } from '../lib/nice-ticks';
import { useTheme } from '../theme/theme-context';
import { ChartFrame } from './ChartFrame';
import { CHART_MARGIN, limitLineProps, timeAxisProps, tooltipProps, valueAxisProps } from './chart-style';

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
        <AreaChart width={width} height={height} data={data as SpendPoint[]} margin={CHART_MARGIN}>
          <defs>
            <linearGradient id="spendFill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={p.accent} stopOpacity={0.35} />
              <stop offset="100%" stopColor={p.accent} stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid stroke={p.grid} vertical={false} />
          <XAxis {...timeAxisProps(p, data)} />
          <YAxis {...valueAxisProps(p, ticks, formatUsd)} />
          <Tooltip {...tooltipProps(p, 'Spend', formatUsd)} />
          <ReferenceLine {...limitLineProps(softUsd, p.warn, `soft ${formatUsd(softUsd)}`)} />
          <ReferenceLine
            {...limitLineProps(hardUsd, p.bad, `hard ${formatUsd(hardUsd)}`, 'insideBottomRight')}
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
