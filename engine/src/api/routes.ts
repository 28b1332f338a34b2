// Every route of the Docker-compatible API, by resource group. Order matters only within a
// group: fixed paths (`/containers/json`) come before patterns (`/containers/{id}/json`).
import type { Route } from './api-context.js';
import { ARCHIVE_ROUTES } from './archive-routes.js';
import { ATTACH_ROUTES } from './attach-route.js';
import { BUILD_ROUTES } from './build-route.js';
import { CONTAINER_ROUTES } from './container-routes.js';
import { EVENT_ROUTES } from './event-routes.js';
import { EXEC_ROUTES } from './exec-routes.js';
import { IMAGE_ROUTES } from './image-routes.js';
import { LIBPOD_ROUTES } from './libpod-routes.js';
import { LOGS_ROUTES } from './logs-route.js';
import { NETWORK_ROUTES } from './network-routes.js';
import { STATS_ROUTES } from './stats-route.js';
import { SYSTEM_ROUTES } from './system-routes.js';
import { VOLUME_ROUTES } from './volume-routes.js';

export const API_ROUTES: readonly Route[] = [
  ...SYSTEM_ROUTES,
  ...EVENT_ROUTES,
  ...CONTAINER_ROUTES,
  ...LOGS_ROUTES,
  ...ATTACH_ROUTES,
  ...EXEC_ROUTES,
  ...ARCHIVE_ROUTES,
  ...STATS_ROUTES,
  ...IMAGE_ROUTES,
  ...BUILD_ROUTES,
  ...NETWORK_ROUTES,
  ...VOLUME_ROUTES,
  ...LIBPOD_ROUTES,
];
