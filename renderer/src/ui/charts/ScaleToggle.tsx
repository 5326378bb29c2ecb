// Chooses a chart's value scale: fitted to the data, or reaching its limits (value-scale.ts).
import type { ValueScale } from './value-scale';
import { Segmented } from '../Segmented';

const OPTIONS = [
  ['fit', 'Fit data'],
  ['limits', 'Show limits'],
] as const satisfies readonly (readonly [ValueScale, string])[];

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
  return <Segmented options={OPTIONS} value={scale} onChange={onChange} label={`${chart} scale`} />;
}
