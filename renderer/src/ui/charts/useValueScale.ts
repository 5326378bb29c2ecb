// Which value scale a chart uses (value-scale.ts), remembered per chart in localStorage.
import { useCallback, useState } from 'react';
import { isValueScale, type ValueScale } from './value-scale';

const PREFIX = 'penin.scale.';

function read(chart: string): ValueScale {
  try {
    const v = window.localStorage.getItem(PREFIX + chart);
    return isValueScale(v) ? v : 'fit';
  } catch {
    return 'fit';
  }
}

export function useValueScale(chart: string): [ValueScale, (s: ValueScale) => void] {
  const [scale, setState] = useState<ValueScale>(() => read(chart));
  const set = useCallback(
    (s: ValueScale) => {
      setState(s);
      try {
        window.localStorage.setItem(PREFIX + chart, s);
      } catch {
        // storage unavailable: the choice lasts until the screen closes
      }
    },
    [chart],
  );
  return [scale, set];
}
