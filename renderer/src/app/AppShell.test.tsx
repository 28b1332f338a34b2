// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../testing/render-app.js';

afterEach(cleanup);

describe('AppShell', () => {
  it('links only the pages that exist, and switches between them', async () => {
    renderApp({ 'system.info': () => new Promise(() => undefined), 'images.list': () => [] });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Dashboard', 'Containers', 'Pods', 'Images', 'Volumes', 'Networks', 'Machines', 'Settings']);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Dashboard');
    fireEvent.click(within(nav).getByRole('button', { name: 'Images' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Images');
    expect(within(nav).getByRole('button', { name: 'Images' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('No images yet.')).toBeTruthy();
  });

  it('applies and remembers the theme', () => {
    renderApp({ 'system.info': () => new Promise(() => undefined) });
    expect(document.documentElement.dataset.theme).toBe('system');
    fireEvent.change(screen.getByRole('combobox', { name: 'Theme' }), { target: { value: 'dark' } });
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(JSON.parse(localStorage.getItem('berth-ui')!).state).toEqual({ theme: 'dark' });
  });
});
