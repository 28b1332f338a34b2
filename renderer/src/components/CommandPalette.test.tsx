// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useImagesUiStore } from '../pages/images/images-ui-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { containerSummary } from '../testing/container-fixtures.js';
import { renderApp } from '../testing/render-app.js';
import { filterCommands, type PaletteCommand } from './CommandPalette.js';

afterEach(cleanup);

const command = (title: string, group = 'Action'): PaletteCommand => ({
  id: title,
  title,
  group,
  run: vi.fn(),
});

describe('filterCommands', () => {
  it('keeps commands holding every word, those starting with the text first', () => {
    const all = [command('Go to Images', 'Page'), command('Pull image'), command('Build image')];
    expect(filterCommands(all, 'image pull').map((c) => c.title)).toEqual(['Pull image']);
    expect(filterCommands(all, 'build').map((c) => c.title)).toEqual(['Build image']);
    expect(filterCommands(all, 'IMAGE').map((c) => c.title)).toEqual([
      'Go to Images',
      'Pull image',
      'Build image',
    ]);
    expect(filterCommands(all, 'page').map((c) => c.title)).toEqual(['Go to Images']);
  });
});

describe('the command palette', () => {
  const web = containerSummary('aa', 'web-frontend');
  const handlers = {
    'system.info': () => new Promise(() => undefined),
    'containers.list': () => [web],
    'pods.list': () => [],
    'images.list': () => [],
  };

  it('opens with ctrl+K and runs an action with Enter', async () => {
    renderApp(handlers);
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const palette = screen.getByRole('dialog', { name: 'Command palette' });
    fireEvent.change(within(palette).getByRole('combobox'), { target: { value: 'pull' } });
    expect(
      within(palette)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Pull imageAction']);
    fireEvent.keyDown(within(palette).getByRole('combobox'), { key: 'Enter' });
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    expect(useUiStore.getState().route).toEqual({ page: 'images' });
    expect(useImagesUiStore.getState().dialog).toEqual({ kind: 'pull' });
    expect(await screen.findByRole('dialog', { name: 'Pull an image' })).toBeTruthy();
  });

  it('jumps to a container by name, moving with the arrows; Escape closes', async () => {
    renderApp(handlers);
    fireEvent.keyDown(window, { key: 'K', metaKey: true });
    const input = within(screen.getByRole('dialog', { name: 'Command palette' })).getByRole('combobox');
    fireEvent.change(input, { target: { value: 'web' } });
    expect(await screen.findByRole('option', { name: /web-frontend/ })).toBeTruthy();
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(useUiStore.getState().route).toEqual({ page: 'containers', containerId: web.Id });
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Type a command' }), { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
  });

  it('goes to pages with Alt+digit, and leaves ctrl+K to a focused terminal', () => {
    renderApp(handlers);
    fireEvent.keyDown(window, { key: '4', code: 'Digit4', altKey: true });
    expect(useUiStore.getState().route).toEqual({ page: 'images' });
    const terminal = document.createElement('div');
    terminal.className = 'xterm';
    const textarea = document.createElement('textarea');
    terminal.append(textarea);
    document.body.append(terminal);
    fireEvent.keyDown(textarea, { key: 'k', ctrlKey: true });
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    terminal.remove();
  });
});
