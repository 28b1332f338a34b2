// The app shell: sidebar navigation, connection status and theme, the current page, the status
// bar with the task panel, and the command palette with the keyboard shortcuts.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConnectionStatus } from '../components/ConnectionStatus.js';
import { TaskPanel } from '../components/TaskPanel.js';
import { ThemePicker } from '../components/ThemePicker.js';
import { useUiStore } from '../stores/ui-store.js';
import { AppCommandPalette } from './AppCommandPalette.js';
import { useKeyboardShortcuts } from './keyboard-shortcuts.js';
import { PAGES } from './navigation.js';

export function AppShell() {
  const [route, navigate, theme] = useUiStore(useShallow((s) => [s.route, s.navigate, s.theme]));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const page = PAGES.find((p) => p.id === route.page) ?? PAGES[0]!;
  const Page = page.component;
  useKeyboardShortcuts();
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Berth</div>
        <ul>
          {PAGES.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={p.id === page.id ? 'nav-item active' : 'nav-item'}
                aria-current={p.id === page.id ? 'page' : undefined}
                onClick={() => navigate({ page: p.id })}
              >
                {p.title}
              </button>
            </li>
          ))}
        </ul>
        <ThemePicker />
        <ConnectionStatus />
      </nav>
      <div className="main-column">
        <main className="content">
          <h1>{page.title}</h1>
          <Page />
        </main>
        <footer className="status-bar">
          <TaskPanel />
        </footer>
      </div>
      <AppCommandPalette />
    </div>
  );
}
