// The pages of the app, in sidebar order. A page is listed here once it works end to end;
// containers, pods, volumes, networks, machines and settings join as they become real.
import type { ComponentType } from 'react';
import { Dashboard } from '../pages/dashboard/Dashboard.js';
import { ImagesPage } from '../pages/images/ImagesPage.js';
import type { PageId } from '../stores/ui-store.js';

export interface PageEntry {
  id: PageId;
  title: string;
  component: ComponentType;
}

export const PAGES: readonly PageEntry[] = [
  { id: 'dashboard', title: 'Dashboard', component: Dashboard },
  { id: 'images', title: 'Images', component: ImagesPage },
];
