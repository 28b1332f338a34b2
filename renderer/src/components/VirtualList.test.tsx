// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualList } from './VirtualList.js';

afterEach(cleanup);

const items = Array.from({ length: 10_000 }, (_, i) => ({ id: `image-${i}` }));

function renderList(list = items) {
  return render(
    <VirtualList
      items={list}
      rowHeight={40}
      initialHeight={400}
      overscan={2}
      getKey={(i) => i.id}
      renderRow={(i) => <span>{i.id}</span>}
      label="Images"
    />,
  );
}

describe('VirtualList', () => {
  it('renders only the rows in view, in a spacer as tall as the whole list', () => {
    const { container } = renderList();
    const rows = screen.getAllByRole('row');
    // 400 px / 40 px = 10 rows, one partial, two overscan below.
    expect(rows.length).toBeLessThanOrEqual(14);
    expect(rows[0]!.textContent).toBe('image-0');
    expect((container.querySelector('.virtual-spacer') as HTMLElement).style.height).toBe('400000px');
  });

  it('renders the rows at the scroll position', () => {
    renderList();
    const viewport = screen.getByRole('rowgroup', { name: 'Images' });
    viewport.scrollTop = 5000 * 40;
    fireEvent.scroll(viewport);
    const rows = screen.getAllByRole('row');
    expect(rows[0]!.textContent).toBe('image-4998');
    expect(rows.map((r) => r.textContent)).toContain('image-5009');
    expect(rows.length).toBeLessThanOrEqual(15);
    expect(rows[2]!.style.transform).toBe(`translateY(${5000 * 40}px)`);
    expect(rows[2]!.getAttribute('aria-rowindex')).toBe('5002');
  });

  it('keeps showing rows when the list shrinks below the scroll position', () => {
    const { rerender } = renderList();
    const viewport = screen.getByRole('rowgroup', { name: 'Images' });
    viewport.scrollTop = 9000 * 40;
    fireEvent.scroll(viewport);
    viewport.scrollTop = 0; // the browser clamps the scroll position to the new height
    rerender(
      <VirtualList
        items={items.slice(0, 3)}
        rowHeight={40}
        initialHeight={400}
        getKey={(i) => i.id}
        renderRow={(i) => <span>{i.id}</span>}
        label="Images"
      />,
    );
    expect(screen.getAllByRole('row').map((r) => r.textContent)).toEqual(['image-0', 'image-1', 'image-2']);
  });
});
