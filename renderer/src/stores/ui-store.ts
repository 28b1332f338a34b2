// UI state that is not engine state: where the user is, and the theme (remembered across runs).
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type PageId =
  'dashboard' | 'containers' | 'pods' | 'images' | 'volumes' | 'networks' | 'machines' | 'settings';
export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Route {
  page: PageId;
  /** The image whose details are open, on the images page. */
  imageId?: string;
  /** The container whose details are open, on the containers page. */
  containerId?: string;
  /** The pod whose details are open, on the pods page. */
  podId?: string;
  /** The network whose details are open, on the networks page. */
  networkName?: string;
  /** The machine whose details are open, on the machines page. */
  machineName?: string;
  /** The details tab to show first. */
  tab?: string;
  /** The containers page's create form instead of the list. */
  create?: boolean;
}

const PAGE_IDS: readonly PageId[] = [
  'dashboard',
  'containers',
  'pods',
  'images',
  'volumes',
  'networks',
  'machines',
  'settings',
];

/**
 * The first page: `page=<id>` in the URL's fragment (web mode's `#token=...&page=containers`),
 * so a link or a benchmark can open the app on a page; the dashboard otherwise.
 */
export function initialRoute(hash: string = typeof location === 'undefined' ? '' : location.hash): Route {
  const page = new URLSearchParams(hash.replace(/^#/, '')).get('page');
  return { page: PAGE_IDS.includes(page as PageId) ? (page as PageId) : 'dashboard' };
}

interface UiState {
  route: Route;
  theme: ThemeChoice;
  taskPanelOpen: boolean;
  navigate(route: Route): void;
  setTheme(theme: ThemeChoice): void;
  setTaskPanelOpen(open: boolean): void;
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      route: initialRoute(),
      theme: 'system',
      taskPanelOpen: false,
      navigate: (route) => set({ route }),
      setTheme: (theme) => set({ theme }),
      setTaskPanelOpen: (taskPanelOpen) => set({ taskPanelOpen }),
    }),
    {
      name: 'berth-ui',
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ theme: state.theme }),
    },
  ),
);
