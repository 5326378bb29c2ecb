// Spend split by provider or by model: horizontal bars plus the figures as a table.
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { SpendBucket } from '../../../../shared/domain';
import { formatInt, formatSpend } from '../../lib/format';
import { spendBarsSummary } from '../../ui/charts/chart-summary';
import { niceTicks } from '../../ui/charts/nice-ticks';
import { usdTickFormatter } from '../../ui/charts/value-scale';
import { useTheme } from '../../ui/theme-context';
import { ChartFrame } from '../../ui/charts/ChartFrame';
import { axisTick, tooltipStyle } from '../../ui/charts/chart-style';
import { EmptyState } from '../../ui/States';

const MAX_BARS = 10;

interface Row extends SpendBucket {
  name: string;
}

export function topBuckets(buckets: Record<string, SpendBucket>, max = MAX_BARS): Row[] {
  const rows = Object.entries(buckets)
    .map(([name, b]) => ({ name, ...b }))
    .sort((a, b) => b.spendUsd - a.spendUsd);
  if (rows.length <= max) return rows;
  const rest = rows.slice(max - 1);
  const other = rest.reduce(
    (acc, r) => ({
      ...acc,
      spendUsd: acc.spendUsd + r.spendUsd,
      requests: acc.requests + r.requests,
      tokens: acc.tokens + r.tokens,
    }),
    { name: `${rest.length} others`, spendUsd: 0, requests: 0, tokens: 0 },
  );
  return [...rows.slice(0, max - 1), other];
}

export function SpendBars({ buckets, what }: { buckets: Record<string, SpendBucket>; what: string }) {
  const { palette: p } = useTheme();
  const rows = useMemo(() => topBuckets(buckets), [buckets]);
  if (rows.length === 0) {
    return (
      <EmptyState title={`No spend by ${what} yet today.`}>
        Bars appear once the gateway has routed a paid request.
      </EmptyState>
    );
  }
  const total = rows.reduce((s, r) => s + r.spendUsd, 0);
  const ticks = niceTicks(Math.max(...rows.map((r) => r.spendUsd)), 4);
  const tickLabel = usdTickFormatter(ticks);
  return (
    <div className="bars">
      <ChartFrame
        height={24 + rows.length * 30}
        label={`Spend by ${what}`}
        summary={spendBarsSummary(rows, what)}
      >
        {(width, height) => (
          <BarChart
            width={width}
            height={height}
            data={rows}
            layout="vertical"
            margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
            accessibilityLayer={false}
          >
            <CartesianGrid stroke={p.grid} horizontal={false} />
            <XAxis
              type="number"
              domain={[0, ticks[ticks.length - 1]]}
              ticks={ticks}
              tickFormatter={tickLabel}
              tick={axisTick(p)}
              stroke={p.grid}
            />
            <YAxis
              type="category"
              dataKey="name"
              width={150}
              tick={axisTick(p)}
              stroke={p.grid}
              interval={0}
            />
            <Tooltip
              cursor={{ fill: p.grid, opacity: 0.4 }}
              contentStyle={tooltipStyle(p)}
              formatter={(v) => [formatSpend(Number(v)), 'Spend']}
            />
            <Bar dataKey="spendUsd" isAnimationActive={false} radius={[0, 4, 4, 0]} barSize={18}>
              {rows.map((r, i) => (
                <Cell key={r.name} fill={p.series[i % p.series.length]} />
              ))}
            </Bar>
          </BarChart>
        )}
      </ChartFrame>
      <table className="mini-table">
        <thead>
          <tr>
            <th scope="col">{what[0].toUpperCase() + what.slice(1)}</th>
            <th scope="col" className="num">
              Spend
            </th>
            <th scope="col" className="num">
              Share
            </th>
            <th scope="col" className="num">
              Requests
            </th>
            <th scope="col" className="num">
              Tokens
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.name}>
              <td>
                <span className="swatch" style={{ background: p.series[i % p.series.length] }} />
                {r.name}
              </td>
              <td className="num">{formatSpend(r.spendUsd)}</td>
              <td className="num">{total > 0 ? `${((r.spendUsd / total) * 100).toFixed(1)}%` : '—'}</td>
              <td className="num">{formatInt(r.requests)}</td>
              <td className="num">{formatInt(r.tokens)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
