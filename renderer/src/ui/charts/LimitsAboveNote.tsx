// Names the limits a chart fitted to its data does not reach (value-scale.ts).
export function LimitsAboveNote({ limits }: { limits: readonly { label: string }[] }) {
  if (limits.length === 0) return null;
  return (
    <p className="chart-note muted small">
      Above this scale: {limits.map((l) => l.label).join(' · ')}. Choose “Show limits” to see them.
    </p>
  );
}
