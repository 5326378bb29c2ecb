// Each provider's breaker state over a time window, as coloured bands (built from transitions);
// time before a breaker was first observed is a hatched "no data" band, not a guessed state.
import { useId, useMemo } from 'react';
import type { BreakerSnapshot } from '../../../../shared/domain';
import { breakerBands, breakerTimelineSummary, type BandState } from './breaker-bands';
import { formatClock, formatClockSeconds, formatDuration } from '../../lib/format';
import { breakerColor } from '../../ui/palette';
import { useTheme } from '../../ui/theme-context';
import { BREAKER_LABEL } from './BreakerStatePill';
import { ChartFrame } from '../../ui/charts/ChartFrame';

const LABEL_W = 140;
const ROW_H = 22;
const ROW_GAP = 10;
const AXIS_H = 22;
const TICKS = 6;

const NO_DATA_LABEL = 'No data';
const bandLabel = (state: BandState) =>
  state === 'no_data' ? `${NO_DATA_LABEL} (before the breaker was first observed)` : BREAKER_LABEL[state];

export function BreakerTimeline({
  breakers,
  now,
  windowMs,
}: {
  breakers: readonly BreakerSnapshot[];
  now: number;
  windowMs: number;
}) {
  const { palette: p } = useTheme();
  const hatchId = `no-data-${useId().replace(/:/g, '')}`;
  const start = now - windowMs;
  const rows = useMemo(
    () =>
      breakers.map((b) => ({
        provider: b.provider,
        bands: breakerBands(b, start, now),
      })),
    [breakers, start, now],
  );
  const height = AXIS_H + rows.length * (ROW_H + ROW_GAP);
  return (
    <div className="timeline">
      <ChartFrame
        height={height}
        label={`Breaker states over the last ${formatDuration(windowMs)}`}
        summary={breakerTimelineSummary(rows)}
      >
        {(width) => {
          const plotW = Math.max(10, width - LABEL_W - 8);
          const x = (t: number) => LABEL_W + ((t - start) / windowMs) * plotW;
          return (
            <svg width={width} height={height} className="timeline__svg">
              <defs>
                <pattern
                  id={hatchId}
                  width={6}
                  height={6}
                  patternUnits="userSpaceOnUse"
                  patternTransform="rotate(45)"
                >
                  <line x1={0} y1={0} x2={0} y2={6} stroke={p.muted} strokeWidth={1.5} strokeOpacity={0.45} />
                </pattern>
              </defs>
              {Array.from({ length: TICKS }, (_, i) => {
                const t = start + (windowMs * i) / (TICKS - 1);
                return (
                  <g key={i}>
                    <line x1={x(t)} x2={x(t)} y1={0} y2={height - AXIS_H} stroke={p.grid} />
                    <text
                      x={x(t)}
                      y={height - 6}
                      fill={p.muted}
                      fontSize={11}
                      textAnchor={i === 0 ? 'start' : i === TICKS - 1 ? 'end' : 'middle'}
                    >
                      {i === TICKS - 1 ? 'now' : formatClock(t)}
                    </text>
                  </g>
                );
              })}
              {rows.map((r, i) => {
                const y = i * (ROW_H + ROW_GAP) + ROW_GAP / 2;
                return (
                  <g key={r.provider} data-testid={`timeline-${r.provider}`}>
                    <text x={0} y={y + ROW_H / 2 + 4} fill={p.text} fontSize={12}>
                      {r.provider}
                    </text>
                    {r.bands.map((band) => (
                      <rect
                        key={band.from}
                        className={`band band--${band.state}`}
                        x={x(band.from)}
                        y={y}
                        width={Math.max(1, x(band.to) - x(band.from))}
                        height={ROW_H}
                        rx={3}
                        fill={band.state === 'no_data' ? `url(#${hatchId})` : breakerColor(p, band.state)}
                        fillOpacity={band.state === 'closed' ? 0.45 : 0.9}
                        stroke={band.state === 'no_data' ? p.grid : undefined}
                      >
                        <title>
                          {`${bandLabel(band.state)} ${formatClockSeconds(band.from)}–${formatClockSeconds(band.to)} (${formatDuration(band.to - band.from)})${band.cause ? `: ${band.cause}` : ''}`}
                        </title>
                      </rect>
                    ))}
                  </g>
                );
              })}
            </svg>
          );
        }}
      </ChartFrame>
      <div className="legend">
        {(['closed', 'half_open', 'open'] as const).map((s) => (
          <span key={s} className="legend__item">
            <span className="swatch" style={{ background: breakerColor(p, s) }} />
            {BREAKER_LABEL[s]}
          </span>
        ))}
        <span className="legend__item" title="Before the breaker was first observed (the app started later)">
          <span className="swatch swatch--no-data" />
          {NO_DATA_LABEL}
        </span>
      </div>
    </div>
  );
}
