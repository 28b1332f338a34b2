// The pages of the app, in sidebar order. A page is listed here once it works end to end;
// machines join when the VM manager is real.
import type { ComponentType } from 'react';
import { Dashboard } from '../pages/dashboard/Dashboard.js';
import { ContainersPage } from '../pages/containers/ContainersPage.js';
import { ImagesPage } from '../pages/images/ImagesPage.js';
import { NetworksPage } from '../pages/networks/NetworksPage.js';
import { PodsPage } from '../pages/pods/PodsPage.js';
import { SettingsPage } from '../pages/settings/SettingsPage.js';
import { VolumesPage } from '../pages/volumes/VolumesPage.js';
import type { PageId } from '../stores/ui-store.js';

export interface PageEntry {
  id: PageId;
  title: string;
  component: ComponentType;
}

export const PAGES: readonly PageEntry[] = [
  { id: 'dashboard', title: 'Dashboard', component: Dashboard },
  { id: 'containers', title: 'Containers', component: ContainersPage },
  { id: 'pods', title: 'Pods', component: PodsPage },
  { id: 'images', title: 'Images', component: ImagesPage },
  { id: 'volumes', title: 'Volumes', component: VolumesPage },
  { id: 'networks', title: 'Networks', component: NetworksPage },
  { id: 'settings', title: 'Settings', component: SettingsPage },
];
