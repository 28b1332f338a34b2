// The app's keyboard shortcuts: ctrl/cmd+K opens (or closes) the command palette; Alt+1…9 go to
// the sidebar's pages in order. Listened for on the window, so they work wherever focus is, except
// in a terminal: there ctrl+K belongs to the shell (kill to end of line), so it is left alone.
import { useEffect } from 'react';
import { usePaletteStore } from '../stores/palette-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { PAGES } from './navigation.js';

/** The shortcut of the page at `index` in the sidebar, if it has one. */
export function pageShortcut(index: number): string | undefined {
  return index < 9 ? `Alt+${index + 1}` : undefined;
}

type ShortcutEvent = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'> & {
  target: EventTarget | null;
};

function inTerminal(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.xterm') !== null;
}

export function handleShortcut(event: ShortcutEvent): boolean {
  if (inTerminal(event.target)) return false;
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
    usePaletteStore.getState().toggle();
    return true;
  }
  // By code, not key: Alt+digit types other characters on some layouts (macOS Option).
  const digit = /^Digit([1-9])$/.exec(event.code);
  if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && digit) {
    const page = PAGES[Number(digit[1]) - 1];
    if (!page) return false;
    usePaletteStore.getState().setOpen(false);
    useUiStore.getState().navigate({ page: page.id });
    return true;
  }
  return false;
}

export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (handleShortcut(event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
