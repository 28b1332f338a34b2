// Renders the whole app over a FakeTransport, on a given page, with fresh stores.
import { QueryClient } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import { createEngineClient } from '../api/engine-client.js';
import { resetEngineConnectionStore } from '../api/engine-connection-store.js';
import { App } from '../app/App.js';
import { preloadPages } from '../app/navigation.js';
import { resetContainersUiStore } from '../pages/containers/containers-ui-store.js';
import { useImagesUiStore } from '../pages/images/images-ui-store.js';
import { useMachinesUiStore } from '../pages/machines/machines-ui-store.js';
import { useNetworksUiStore } from '../pages/networks/networks-ui-store.js';
import { usePodsUiStore } from '../pages/pods/pods-ui-store.js';
import { useVolumesUiStore } from '../pages/volumes/volumes-ui-store.js';
import { useRecentEventsStore } from '../stores/recent-events-store.js';
import { useTaskStore } from '../stores/task-store.js';
import { useUiStore, type Route } from '../stores/ui-store.js';
import { FakeTransport, type CallHandlers } from './fake-transport.js';

// Whole-app renders in jsdom are slow on a busy machine (tests share two cores with others):
// wait longer than the default second before calling an element missing.
configure({ asyncUtilTimeout: 5000 });

// Pages load their code on first show; tests have it all loaded, so any page renders at once.
await preloadPages();

export function renderApp(
  handlers: CallHandlers,
  route: Route = { page: 'dashboard' },
  streamNames?: readonly string[],
  /** What main.tsx passes: when the app started reading engine state. */
  eventsSince?: string,
) {
  useUiStore.setState({ route, taskPanelOpen: false, theme: 'system' });
  useImagesUiStore.reset();
  resetContainersUiStore();
  useVolumesUiStore.reset();
  usePodsUiStore.reset();
  useNetworksUiStore.reset();
  useMachinesUiStore.reset();
  useRecentEventsStore.setState({ events: [], historyRead: false });
  useTaskStore.setState({ tasks: [] });
  resetEngineConnectionStore();
  const transport = new FakeTransport(handlers, streamNames);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <App client={createEngineClient(transport)} queryClient={queryClient} eventsSince={eventsSince} />,
  );
  return { ...result, transport, queryClient };
}
