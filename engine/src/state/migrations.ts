// The schema, as an ordered list of migrations. Each domain (images, containers, pods...) adds
// its own entries with ids prefixed by the domain, so that work on different domains does not
// collide; an applied id is never edited, only followed by a new one.
import { CONTAINER_MIGRATIONS } from '../container/container-records.js';
import { IMAGE_MIGRATIONS } from '../image/image-records.js';
import { LOCK_MIGRATION } from './object-lock.js';
import { NETWORK_MIGRATIONS } from '../network/network-records.js';
import { POD_MIGRATIONS } from '../pod/pod-records.js';
import { VOLUME_MIGRATIONS } from '../volume/volume-records.js';

export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  LOCK_MIGRATION,
  ...IMAGE_MIGRATIONS,
  ...CONTAINER_MIGRATIONS,
  ...VOLUME_MIGRATIONS,
  // After the containers' tables: network attachments reference containers(id).
  ...NETWORK_MIGRATIONS,
  ...POD_MIGRATIONS,
];
