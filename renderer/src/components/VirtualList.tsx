// A virtualized list of fixed-height rows: only the rows in view (plus a few either side) are in
// the DOM, so ten thousand images scroll as smoothly as ten. Rows are positioned absolutely in a
// spacer as tall as the whole list; scrolling re-renders only when the first visible row changes.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  getKey(item: T): string;
  renderRow(item: T, index: number): ReactNode;
  /** Rows rendered beyond the viewport on each side. */
  overscan?: number;
  /** Viewport height before it can be measured (and where layout is unavailable, as in tests). */
  initialHeight?: number;
  className?: string;
  label?: string;
}

export function VirtualList<T>({
  items,
  rowHeight,
  getKey,
  renderRow,
  overscan = 8,
  initialHeight = 600,
  className,
  label,
}: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(initialHeight);
  const [firstVisible, setFirstVisible] = useState(0);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => {
      if (element.clientHeight > 0) setHeight(element.clientHeight);
    };
    // Measured by the observer, which reports once layout has run anyway (also the first size):
    // reading clientHeight here would force a layout of the page in the middle of React's commit
    // (~15 ms on the containers list's first render). Rows for `initialHeight` plus the overscan
    // cover the view meanwhile.
    if (typeof ResizeObserver === 'undefined') {
      measure();
      return;
    }
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    const element = viewport.current;
    if (element) setFirstVisible(Math.floor(element.scrollTop / rowHeight));
  }, [rowHeight]);

  // A shorter list (a search) may leave the scroll position past its end.
  useEffect(() => {
    if (firstVisible * rowHeight > items.length * rowHeight) onScroll();
  }, [items.length, firstVisible, rowHeight, onScroll]);

  const visibleCount = Math.ceil(height / rowHeight) + 1;
  const start = Math.max(0, Math.min(firstVisible, items.length) - overscan);
  const end = Math.min(items.length, firstVisible + visibleCount + overscan);
  const rows: ReactNode[] = [];
  for (let index = start; index < end; index++) {
    const item = items[index]!;
    rows.push(
      <div
        key={getKey(item)}
        className="virtual-row"
        role="row"
        aria-rowindex={index + 2}
        style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}
      >
        {renderRow(item, index)}
      </div>,
    );
  }
  return (
    <div
      ref={viewport}
      className={`virtual-viewport ${className ?? ''}`}
      onScroll={onScroll}
      role="rowgroup"
      aria-label={label}
      tabIndex={0}
    >
      <div className="virtual-spacer" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
