// The top-level command table: names, aliases and summaries only; each command's code is loaded
// when it runs. Later domains (images, containers, pods...) add their entries here.
import type { CommandEntry } from '../command-spec.js';
import { CONTAINER_COMMANDS, CONTAINER_VERBS } from './container/container-table.js';
import { IMAGE_COMMANDS } from './image/image-table.js';
import { GENERATE_COMMANDS, KUBE_COMMANDS, PLAY_COMMANDS } from './kube/kube-table.js';
import { MACHINE_COMMANDS } from './machine/machine-table.js';
import { NETWORK_COMMANDS } from './network/network-table.js';
import { POD_COMMANDS } from './pod/pod-table.js';
import { SYSTEM_COMMANDS } from './system/system-table.js';
import { VOLUME_COMMANDS } from './volume/volume-table.js';

export const ROOT_COMMANDS: CommandEntry[] = [
  // Images (engine/src/image): pull, list, inspect, history, tag, untag, rmi, prune.
  {
    name: 'history',
    summary: 'Show history of a specified image',
    load: () => import('./image/history.js').then((m) => m.default),
  },
  { name: 'image', summary: 'Manage images', subcommands: async () => IMAGE_COMMANDS },
  {
    name: 'images',
    summary: 'List images in local storage',
    load: () => import('./image/images.js').then((m) => m.default),
  },
  {
    name: 'inspect',
    summary: 'Display the configuration of object denoted by ID',
    load: () => import('./inspect-object.js').then((m) => m.default),
  },
  {
    name: 'pull',
    summary: 'Pull an image from a registry',
    load: () => import('./image/pull.js').then((m) => m.default),
  },
  {
    name: 'rmi',
    summary: 'Removes one or more images from local storage',
    load: () => import('./image/rmi.js').then((m) => m.default),
  },
  {
    name: 'tag',
    summary: 'Add an additional name to a local image',
    load: () => import('./image/tag.js').then((m) => m.default),
  },
  {
    name: 'untag',
    summary: 'Remove a name from a local image',
    load: () => import('./image/untag.js').then((m) => m.default),
  },
  // Images: registries and archives (push, login/logout, save/load, import).
  {
    name: 'import',
    summary: 'Import a tarball to create a filesystem image',
    load: () => import('./image/import.js').then((m) => m.default),
  },
  {
    name: 'load',
    summary: 'Load image(s) from a tar archive',
    load: () => import('./image/load.js').then((m) => m.default),
  },
  {
    name: 'login',
    summary: 'Log in to a container registry',
    load: () => import('./image/login.js').then((m) => m.default),
  },
  {
    name: 'logout',
    summary: 'Log out of a container registry',
    load: () => import('./image/logout.js').then((m) => m.default),
  },
  {
    name: 'push',
    summary: 'Push an image to a specified destination',
    load: () => import('./image/push.js').then((m) => m.default),
  },
  {
    name: 'save',
    summary: 'Save image(s) to an archive',
    load: () => import('./image/save.js').then((m) => m.default),
  },
  // Builds (engine/src/build).
  {
    name: 'build',
    summary: 'Build an image using instructions from Containerfiles',
    load: () => import('./image/build.js').then((m) => m.default),
  },
  // Pods (engine/src/pod).
  { name: 'pod', summary: 'Manage pods', subcommands: async () => POD_COMMANDS },
  // Kubernetes YAML (engine/src/kube); `generate kube` and `play kube` are podman's older spellings.
  {
    name: 'kube',
    summary: 'Play containers, pods or volumes from a structured file',
    subcommands: async () => KUBE_COMMANDS,
  },
  {
    name: 'generate',
    summary: 'Generate structured data based on containers, pods or volumes',
    subcommands: async () => GENERATE_COMMANDS,
  },
  {
    name: 'play',
    summary: 'Play containers, pods or volumes from a structured file',
    subcommands: async () => PLAY_COMMANDS,
    hidden: true,
  },
  // Containers (engine/src/container).
  { name: 'container', summary: 'Manage containers', subcommands: async () => CONTAINER_COMMANDS },
  ...CONTAINER_VERBS,
  { name: 'ps', summary: 'List containers', load: () => import('./container/ps.js').then((m) => m.default) },
  {
    name: 'desktop',
    summary: 'Start Berth Desktop (a window, or web mode for a browser)',
    load: () => import('./desktop/desktop.js').then((m) => m.default),
  },
  {
    name: 'info',
    summary: 'Display Berth system information',
    load: () => import('./system/info.js').then((m) => m.default),
  },
  // Events (engine/src/events) and volumes (engine/src/volume).
  {
    name: 'events',
    summary: 'Show berth system events',
    load: () => import('./events/events.js').then((m) => m.default),
  },
  { name: 'volume', summary: 'Manage volumes', subcommands: async () => VOLUME_COMMANDS },
  // Networks (engine/src/network).
  { name: 'network', summary: 'Manage networks', subcommands: async () => NETWORK_COMMANDS },
  // Machines (engine/src/machine): a Linux VM running the engine, for Mac and Windows hosts.
  { name: 'machine', summary: 'Manage a virtual machine', subcommands: async () => MACHINE_COMMANDS },
  { name: 'system', summary: 'Manage Berth', subcommands: async () => SYSTEM_COMMANDS },
  {
    name: 'unshare',
    summary: 'Run a command in a modified user namespace',
    load: () => import('./system/unshare.js').then((m) => m.default),
  },
  {
    name: 'version',
    summary: 'Display the Berth version information',
    load: () => import('./system/version.js').then((m) => m.default),
  },
];
