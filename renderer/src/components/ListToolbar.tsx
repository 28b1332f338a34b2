// The bar above every list: a search box, what is shown out of how many, page filters before the
// count and page actions at the right.
import type { ReactNode } from 'react';

export interface ListToolbarProps {
  search: string;
  onSearch(search: string): void;
  /** The search box's accessible name, e.g. "Search pods". */
  searchLabel: string;
  placeholder: string;
  shown: number;
  total: number;
  /** The whole count when nothing is filtered, e.g. "3 pods · 2 running". */
  totalText: string;
  /** True when a filter other than the search narrows the list. */
  filtered?: boolean;
  /** Controls between the search and the count (a state filter). */
  filters?: ReactNode;
  /** Buttons at the right. */
  children?: ReactNode;
}

export function ListToolbar(props: ListToolbarProps) {
  return (
    <div className="toolbar">
      <input
        type="search"
        className="search"
        placeholder={props.placeholder}
        aria-label={props.searchLabel}
        value={props.search}
        onChange={(e) => props.onSearch(e.target.value)}
      />
      {props.filters}
      <span className="muted count" aria-live="polite">
        {props.search || props.filtered ? `${props.shown} of ${props.total} shown` : props.totalText}
      </span>
      {props.children ? <div className="toolbar-actions">{props.children}</div> : null}
    </div>
  );
}

/** "1 pod", "3 pods". */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/** Items whose search text contains every word of the query (case-insensitive). */
export function matchWords<T>(items: readonly T[], query: string, text: (item: T) => string): readonly T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  return items.filter((item) => {
    const haystack = text(item).toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
