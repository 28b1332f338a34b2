// The pages of the app, in sidebar order. A page is listed here once it works end to end. The
// dashboard (the default first page) and the containers list (the most used, and the one with a
// thousand rows) are in the app's own chunk: a first page in a chunk of its own costs a second
// round of requests, which a busy browser answers late (~100-250 ms measured on the 2-core CI
// machine). Every other page's code is its own chunk, loaded when the page is first shown
// (main.tsx starts loading the first page's at once).
import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { prefetchContainerList } from '../api/container-cache.js';
import type { EngineClient } from '../api/engine-client.js';
import { lazyComponent } from '../components/lazy-component.js';
import { ContainersPage } from '../pages/containers/ContainersPage.js';
import { preloadContainerViews } from '../pages/containers/container-views.js';
import { Dashboard } from '../pages/dashboard/Dashboard.js';
import type { PageId } from '../stores/ui-store.js';

export interface PageEntry {
  id: PageId;
  title: string;
  component: ComponentType;
  /** Loads the page's code (once); the component renders it as soon as it is there. */
  preload(): Promise<void>;
  /** Starts reading what the page shows first, while its code loads (the app's first page). */
  prefetch?(queryClient: QueryClient, engine: EngineClient): void;
}

function lazyPage(
  id: PageId,
  title: string,
  load: () => Promise<ComponentType>,
  prefetch?: PageEntry['prefetch'],
): PageEntry {
  const { component, preload } = lazyComponent<object>(`the ${title} page`, load);
  return { id, title, component, preload, ...(prefetch ? { prefetch } : {}) };
}

function eagerPage(
  id: PageId,
  title: string,
  component: ComponentType,
  prefetch?: PageEntry['prefetch'],
): PageEntry {
  return { id, title, component, preload: () => Promise.resolve(), ...(prefetch ? { prefetch } : {}) };
}

export const PAGES: readonly PageEntry[] = [
  eagerPage('dashboard', 'Dashboard', Dashboard),
  eagerPage(
    'containers',
    'Containers',
    ContainersPage,
    (queryClient, engine) => void prefetchContainerList(queryClient, engine),
  ),
  lazyPage('pods', 'Pods', async () => (await import('../pages/pods/PodsPage.js')).PodsPage),
  lazyPage('images', 'Images', async () => (await import('../pages/images/ImagesPage.js')).ImagesPage),
  lazyPage('volumes', 'Volumes', async () => (await import('../pages/volumes/VolumesPage.js')).VolumesPage),
  lazyPage(
    'networks',
    'Networks',
    async () => (await import('../pages/networks/NetworksPage.js')).NetworksPage,
  ),
  lazyPage(
    'machines',
    'Machines',
    async () => (await import('../pages/machines/MachinesPage.js')).MachinesPage,
  ),
  lazyPage(
    'settings',
    'Settings',
    async () => (await import('../pages/settings/SettingsPage.js')).SettingsPage,
  ),
];

/** Loads the code of every page and view: tests render any of them at once, as the app does once loaded. */
export async function preloadPages(): Promise<void> {
  await Promise.all([...PAGES.map((page) => page.preload()), preloadContainerViews()]);
}
