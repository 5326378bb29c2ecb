import { useTheme, type ThemePreference } from '../ui/theme-context';

const NEXT: Record<ThemePreference, ThemePreference> = { system: 'dark', dark: 'light', light: 'system' };
const LABEL: Record<ThemePreference, string> = {
  system: 'Theme: system',
  dark: 'Theme: dark',
  light: 'Theme: light',
};

/** Cycles system → dark → light; the choice is remembered. */
export function ThemeToggle() {
  const { preference, setPreference } = useTheme();
  return (
    <button
      type="button"
      className="btn btn--ghost btn--small"
      onClick={() => setPreference(NEXT[preference])}
      title="Switch between the system, dark and light themes"
    >
      {LABEL[preference]}
    </button>
  );
}
