import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'ok' | 'warn' | 'bad';

/** One key figure: a label, a big value and an optional line under it. */
export function Stat({
  label,
  value,
  sub,
  tone = 'neutral',
  title,
}: {
  label: string;
  value: ReactNode;
  sub?: ReactNode;
  tone?: Tone;
  /** A tooltip: how the figure was obtained. */
  title?: string;
}) {
  return (
    <div className={`stat stat--${tone}`} role="group" aria-label={label} title={title}>
      <div className="stat__label">{label}</div>
      <div className="stat__value">{value}</div>
      {sub ? <div className="stat__sub">{sub}</div> : null}
    </div>
  );
}
