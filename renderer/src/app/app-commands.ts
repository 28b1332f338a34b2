// What the command palette offers: every page, the common actions (each opens the same dialog its
// page's button does), the theme, and a jump to any container or pod by name (from the cached
// lists, kept current by events).
import { useMemo } from 'react';
import { useContainerList } from '../api/container-cache.js';
import { usePodList } from '../api/pod-cache.js';
import type { PaletteCommand } from '../components/CommandPalette.js';
import { effectiveTheme } from '../components/ThemePicker.js';
import { useImagesUiStore } from '../pages/images/images-ui-store.js';
import { useMachinesUiStore } from '../pages/machines/machines-ui-store.js';
import { usePodsUiStore } from '../pages/pods/pods-ui-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { PAGES } from './navigation.js';
import { pageShortcut } from './keyboard-shortcuts.js';

function navigate(route: Parameters<ReturnType<typeof useUiStore.getState>['navigate']>[0]): void {
  useUiStore.getState().navigate(route);
}

export function staticCommands(): PaletteCommand[] {
  const pages: PaletteCommand[] = PAGES.map((page, index) => ({
    id: `page:${page.id}`,
    title: `Go to ${page.title}`,
    group: 'Page',
    shortcut: pageShortcut(index),
    run: () => navigate({ page: page.id }),
  }));
  const actions: PaletteCommand[] = [
    {
      id: 'action:pull',
      title: 'Pull image',
      group: 'Action',
      run: () => {
        navigate({ page: 'images' });
        useImagesUiStore.getState().openDialog({ kind: 'pull' });
      },
    },
    {
      id: 'action:build',
      title: 'Build image',
      group: 'Action',
      run: () => {
        navigate({ page: 'images' });
        useImagesUiStore.getState().openDialog({ kind: 'build' });
      },
    },
    {
      id: 'action:create-container',
      title: 'Create container',
      group: 'Action',
      run: () => navigate({ page: 'containers', create: true }),
    },
    {
      id: 'action:create-pod',
      title: 'Create pod',
      group: 'Action',
      run: () => {
        navigate({ page: 'pods' });
        usePodsUiStore.getState().openDialog({ kind: 'create' });
      },
    },
    {
      id: 'action:play-kube',
      title: 'Play Kubernetes YAML',
      group: 'Action',
      run: () => {
        navigate({ page: 'pods' });
        usePodsUiStore.getState().openDialog({ kind: 'play' });
      },
    },
    {
      id: 'action:create-machine',
      title: 'Create machine',
      group: 'Action',
      run: () => {
        navigate({ page: 'machines' });
        useMachinesUiStore.getState().openDialog({ kind: 'create' });
      },
    },
    {
      id: 'action:theme',
      title: 'Switch between light and dark theme',
      group: 'Settings',
      run: () => {
        const ui = useUiStore.getState();
        ui.setTheme(effectiveTheme(ui.theme) === 'dark' ? 'light' : 'dark');
      },
    },
  ];
  return [...pages, ...actions];
}

export function useAppCommands(): PaletteCommand[] {
  const containers = useContainerList();
  const pods = usePodList();
  return useMemo(() => {
    const byName: PaletteCommand[] = [
      ...(pods.data ?? []).map((pod) => ({
        id: `pod:${pod.Id}`,
        title: pod.Name,
        group: 'Pod',
        run: () => navigate({ page: 'pods', podId: pod.Id }),
      })),
      ...(containers.data ?? [])
        // The infra containers are the pods' plumbing, not something to open.
        .filter((c) => !c.IsInfra)
        .map((c) => ({
          id: `container:${c.Id}`,
          title: c.Names[0] ?? c.Id.slice(0, 12),
          group: 'Container',
          run: () => navigate({ page: 'containers', containerId: c.Id }),
        })),
    ];
    return [...staticCommands(), ...byName];
  }, [containers.data, pods.data]);
}
