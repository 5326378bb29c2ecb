// Two buttons choosing a chart's value scale: fitted to the data, or reaching its limits.
import { VALUE_SCALES, type ValueScale } from '../lib/value-scale';

const LABELS: Record<ValueScale, string> = { fit: 'Fit data', limits: 'Show limits' };

export function ScaleToggle({
  scale,
  onChange,
  chart,
}: {
  scale: ValueScale;
  onChange: (s: ValueScale) => void;
  /** What the chart shows, for the group's accessible name. */
  chart: string;
}) {
  return (
    <div className="segmented" role="group" aria-label={`${chart} scale`}>
      {VALUE_SCALES.map((s) => (
        <button
          key={s}
          type="button"
          className="segmented__btn"
          aria-pressed={scale === s}
          onClick={() => onChange(s)}
        >
          {LABELS[s]}
        </button>
      ))}
    </div>
  );
}
