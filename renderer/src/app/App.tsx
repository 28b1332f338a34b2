// The app: engine and query providers, the engine in use (it can change while the app runs),
// live updates from the engine's events, and the shell.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { EngineClient } from '../api/engine-client.js';
import { useEngineConnectionWatch } from '../api/engine-connection.js';
import { EngineProvider } from '../api/engine-context.js';
import { useLiveUpdates } from '../api/live-updates.js';
import { AppShell } from './AppShell.js';

function LiveUpdates({ since }: { since: string | undefined }) {
  // Which engine calls go to first: live updates reopen when it changes.
  useEngineConnectionWatch();
  useLiveUpdates(since);
  return null;
}

/** The app's query cache. Engine state changes arrive as events, not by polling: no refetch on focus or interval. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1, staleTime: 30_000 } },
  });
}

export function App({
  client,
  queryClient,
  eventsSince,
}: {
  client: EngineClient;
  queryClient?: QueryClient;
  /**
   * When the app started reading engine state (main.tsx prefetches the first page's list before
   * the first render): live updates follow events from then, so none falls in between.
   */
  eventsSince?: string;
}) {
  const [queries] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={queries}>
      <EngineProvider client={client}>
        <LiveUpdates since={eventsSince} />
        <AppShell />
      </EngineProvider>
    </QueryClientProvider>
  );
}
