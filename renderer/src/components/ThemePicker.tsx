// The theme choice (system follows prefers-color-scheme; light and dark are fixed), remembered by
// the UI store. Shown in the sidebar and on the Settings page.
import { useShallow } from 'zustand/react/shallow';
import { useUiStore, type ThemeChoice } from '../stores/ui-store.js';

export function ThemePicker({ label = 'Theme' }: { label?: string }) {
  const [theme, setTheme] = useUiStore(useShallow((s) => [s.theme, s.setTheme]));
  return (
    <label className="theme-picker">
      <span>{label}</span>
      <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)} aria-label={label}>
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}

/** The theme actually shown: "system" resolved with the browser's preference. */
export function effectiveTheme(choice: ThemeChoice): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}
