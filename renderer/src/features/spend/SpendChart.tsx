// Today's cumulative spend over time, with the soft and hard limits as reference lines: on the
// data's own scale (limits above it named under the chart) or on one that reaches the limits.
import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { SpendPoint } from '../../../../shared/ipc/contract';
import { downsampleSeries } from '../../ui/charts/downsample';
import { formatSpend } from '../../lib/format';
import { spendSummary } from '../../ui/charts/chart-summary';
import { limitsAbove, usdTickFormatter, valueTicks, type ValueScale } from '../../ui/charts/value-scale';
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

export function SpendChart({
  history,
  softUsd,
  hardUsd,
  scale,
}: {
  history: readonly SpendPoint[];
  softUsd: number;
  hardUsd: number;
  scale: ValueScale;
}) {
  const { palette: p } = useTheme();
  const data = useMemo(() => downsampleSeries(history, (d) => d.spendUsd), [history]);
  const ticks = useMemo(
    () =>
      valueTicks(
        data.reduce((m, d) => Math.max(m, d.spendUsd), 0),
        [softUsd, hardUsd],
        scale,
      ),
    [data, softUsd, hardUsd, scale],
  );
  const tickLabel = useMemo(() => usdTickFormatter(ticks), [ticks]);
  const limits = [
    { value: softUsd, label: `soft ${formatSpend(softUsd)}` },
    { value: hardUsd, label: `hard ${formatSpend(hardUsd)}` },
  ];
  const hidden = limitsAbove(limits, ticks);
  return (
    <>
      <ChartFrame
        height={260}
        label={`Spend over time, ${data.length} points`}
        summary={spendSummary(history, softUsd, hardUsd)}
      >
        {(width, height) => (
          <AreaChart
            width={width}
            height={height}
            data={data as SpendPoint[]}
            margin={CHART_MARGIN}
            accessibilityLayer={false}
          >
            <defs>
              <linearGradient id="spendFill" x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor={p.accent} stopOpacity={0.35} />
                <stop offset="100%" stopColor={p.accent} stopOpacity={0.02} />
              </linearGradient>
            </defs>
            <CartesianGrid stroke={p.grid} vertical={false} />
            <XAxis {...timeAxisProps(p, data)} />
            <YAxis {...valueAxisProps(p, ticks, tickLabel)} />
            <Tooltip {...tooltipProps(p, 'Spend', formatSpend)} />
            <ReferenceLine {...limitLineProps(softUsd, p.warn, limits[0].label)} />
            <ReferenceLine {...limitLineProps(hardUsd, p.bad, limits[1].label, 'insideBottomRight')} />
            <Area
              type="linear"
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
      <LimitsAboveNote limits={hidden} />
    </>
  );
}
