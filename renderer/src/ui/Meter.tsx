// A value against its maximum, as a labelled bar that turns amber near full and red when full.
export function Meter({
  label,
  value,
  max,
  format,
}: {
  label: string;
  value: number;
  max: number;
  format: (n: number) => string;
}) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  const tone = ratio >= 1 ? 'bad' : ratio >= 0.9 ? 'warn' : 'ok';
  return (
    <div className="meter" role="group" aria-label={label}>
      <div className="meter__top">
        <span className="meter__label">{label}</span>
        <span className="meter__value">
          {format(value)} <span className="muted">of {format(max)}</span>
        </span>
      </div>
      <div
        className="meter__track"
        role="meter"
        aria-label={`${label} used`}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
      >
        <div className={`meter__fill meter__fill--${tone}`} style={{ width: `${ratio * 100}%` }} />
      </div>
      <div className="meter__pct muted">
        {max > 0 ? `${((value / max) * 100).toFixed(1)}% used` : 'no limit set'}
      </div>
    </div>
  );
}
