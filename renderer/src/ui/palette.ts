// Colours for SVG charts, per theme (charts take colours as attributes, not CSS variables).
import type { BreakerState } from '../../../shared/domain';

export type ResolvedTheme = 'dark' | 'light';

export interface Palette {
  text: string;
  muted: string;
  grid: string;
  panel: string;
  accent: string;
  accentFill: string;
  ok: string;
  warn: string;
  bad: string;
  half: string;
  series: readonly string[];
}

const dark: Palette = {
  text: '#e6e9ef',
  muted: '#8b93a7',
  grid: '#2a3142',
  panel: '#161b26',
  accent: '#5b9dff',
  accentFill: 'rgba(91, 157, 255, 0.22)',
  ok: '#3fb97a',
  warn: '#e8a33d',
  bad: '#ef5b5b',
  half: '#d9c23f',
  series: ['#5b9dff', '#a98bff', '#3fc1c9', '#e88bc4', '#8fd16a', '#f0a35e', '#7a8cff', '#c9c95b'],
};

const light: Palette = {
  text: '#1b2130',
  muted: '#5d6678',
  grid: '#e1e5ee',
  panel: '#ffffff',
  accent: '#2f6fe0',
  accentFill: 'rgba(47, 111, 224, 0.16)',
  ok: '#1f9a5c',
  warn: '#c07a12',
  bad: '#d23c3c',
  half: '#a88f0b',
  series: ['#2f6fe0', '#7a55e0', '#178f97', '#c0508f', '#4f9a2c', '#c8742a', '#4b5fd6', '#93931f'],
};

export function paletteFor(theme: ResolvedTheme): Palette {
  return theme === 'dark' ? dark : light;
}

export function breakerColor(p: Palette, state: BreakerState): string {
  return state === 'closed' ? p.ok : state === 'open' ? p.bad : p.half;
}
