// The app shell: sidebar navigation, connection status, and the current page.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { EngineClient } from '../api/engine-client.js';
import { EngineProvider } from '../api/engine-context.js';
import { ConnectionStatus } from '../components/ConnectionStatus.js';
import { Dashboard } from '../pages/dashboard/Dashboard.js';

const PAGES = [{ id: 'dashboard', title: 'Dashboard', render: () => <Dashboard /> }] as const;

export function App({ client, queryClient }: { client: EngineClient; queryClient?: QueryClient }) {
  // Engine state changes arrive as events (later), not by polling: no refetch on focus or interval.
  const [queries] = useState(
    () =>
      queryClient ??
      new QueryClient({
        defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1, staleTime: 30_000 } },
      }),
  );
  const [pageId, setPageId] = useState<string>('dashboard');
  const page = PAGES.find((p) => p.id === pageId) ?? PAGES[0];
  return (
    <QueryClientProvider client={queries}>
      <EngineProvider client={client}>
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
                    onClick={() => setPageId(p.id)}
                  >
                    {p.title}
                  </button>
                </li>
              ))}
            </ul>
            <ConnectionStatus />
          </nav>
          <main className="content">
            <h1>{page.title}</h1>
            {page.render()}
          </main>
        </div>
      </EngineProvider>
    </QueryClientProvider>
  );
}
