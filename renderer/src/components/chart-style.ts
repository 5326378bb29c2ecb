// Shared recharts styling derived from the theme palette.
import type { CSSProperties } from 'react';
import type { Palette } from '../lib/palette';

export function tooltipStyle(p: Palette): CSSProperties {
  return {
    background: p.panel,
    border: `1px solid ${p.grid}`,
    borderRadius: 6,
    color: p.text,
    fontSize: 12,
    boxShadow: '0 4px 14px rgba(0,0,0,0.25)',
  };
}

export function axisTick(p: Palette) {
  return { fill: p.muted, fontSize: 11 };
}
