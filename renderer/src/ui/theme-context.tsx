// Dark and light themes: follows the system (prefers-color-scheme) until the user picks one,
// which is saved in localStorage. The resolved theme is set on <html data-theme>.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { paletteFor, type Palette, type ResolvedTheme } from './palette';

export type ThemePreference = 'system' | ResolvedTheme;

const KEY = 'penin.theme';

interface ThemeState {
  preference: ThemePreference;
  resolved: ResolvedTheme;
  palette: Palette;
  setPreference: (p: ThemePreference) => void;
}

const ThemeContext = createContext<ThemeState | null>(null);

function readPreference(): ThemePreference {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === 'dark' || v === 'light' ? v : 'system';
  } catch {
    return 'system';
  }
}

function systemTheme(): ResolvedTheme {
  if (typeof window.matchMedia !== 'function') return 'dark';
  return window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

export function ThemeProvider({ children }: { children: ReactNode }) {
  const [preference, setPreferenceState] = useState<ThemePreference>(readPreference);
  const [system, setSystem] = useState<ResolvedTheme>(systemTheme);

  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia('(prefers-color-scheme: light)');
    const onChange = () => setSystem(mq.matches ? 'light' : 'dark');
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);

  const resolved = preference === 'system' ? system : preference;
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
  }, [resolved]);

  const value = useMemo<ThemeState>(
    () => ({
      preference,
      resolved,
      palette: paletteFor(resolved),
      setPreference: (p) => {
        setPreferenceState(p);
        try {
          if (p === 'system') window.localStorage.removeItem(KEY);
          else window.localStorage.setItem(KEY, p);
        } catch {
          // storage disabled: the choice lasts for this page only
        }
      },
    }),
    [preference, resolved],
  );
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeState {
  const t = useContext(ThemeContext);
  if (!t) throw new Error('useTheme needs a <ThemeProvider> above it');
  return t;
}
