// `berth image ...`: the image group's subcommands.
import type { CommandEntry } from '../../command-spec.js';

export const IMAGE_COMMANDS: CommandEntry[] = [
  {
    name: 'build',
    summary: 'Build an image using instructions from Containerfiles',
    load: () => import('./build.js').then((m) => m.default),
  },
  {
    name: 'history',
    summary: 'Show history of a specified image',
    load: () => import('./history.js').then((m) => m.default),
  },
  {
    name: 'inspect',
    summary: 'Display the configuration of an image',
    load: () => import('./inspect.js').then((m) => m.default),
  },
  {
    name: 'list',
    aliases: ['ls'],
    summary: 'List images in local storage',
    load: () => import('./images.js').then((m) => m.default),
  },
  { name: 'prune', summary: 'Remove unused images', load: () => import('./prune.js').then((m) => m.default) },
  {
    name: 'pull',
    summary: 'Pull an image from a registry',
    load: () => import('./pull.js').then((m) => m.default),
  },
  {
    name: 'rm',
    summary: 'Removes one or more images from local storage',
    load: () => import('./rmi.js').then((m) => m.default),
  },
  {
    name: 'tag',
    summary: 'Add an additional name to a local image',
    load: () => import('./tag.js').then((m) => m.default),
  },
  {
    name: 'import',
    summary: 'Import a tarball to create a filesystem image',
    load: () => import('./import.js').then((m) => m.default),
  },
  {
    name: 'load',
    summary: 'Load image(s) from a tar archive',
    load: () => import('./load.js').then((m) => m.default),
  },
  {
    name: 'push',
    summary: 'Push an image to a specified destination',
    load: () => import('./push.js').then((m) => m.default),
  },
  {
    name: 'save',
    summary: 'Save image(s) to an archive',
    load: () => import('./save.js').then((m) => m.default),
  },
  {
    name: 'untag',
    summary: 'Remove a name from a local image',
    load: () => import('./untag.js').then((m) => m.default),
  },
];
