// A list page's table: its header, and below it the state of the query (failed, loading, empty,
// nothing matching the search) or the rows, virtualized. The columns' widths come from the
// table's class in styles.css.
import type { ReactNode } from 'react';
import { VirtualList } from './VirtualList.js';

export interface ListColumn {
  /** Also the cell class: `cell cell-<id>`. */
  id: string;
  header: ReactNode;
}

export interface ListTableProps<T> {
  /** The table's accessible name and what the messages call the items ("Pods"). */
  label: string;
  className: string;
  columns: readonly ListColumn[];
  query: { isPending: boolean; isError: boolean; error: Error | null };
  /** Every item, before the search. */
  total: number;
  shown: readonly T[];
  getKey(item: T): string;
  renderRow(item: T): ReactNode;
  /** What the page shows when there is nothing at all. */
  empty: ReactNode;
  noMatch: string;
  rowHeight?: number;
}

export function ListTable<T>(props: ListTableProps<T>) {
  const noun = props.label.toLowerCase();
  if (props.query.isError)
    return (
      <div className="error-panel" role="alert">
        <strong>Could not list {noun}.</strong> {props.query.error?.message}
      </div>
    );
  if (props.query.isPending) return <p className="muted">Loading {noun}…</p>;
  if (props.total === 0) return <div className="empty-state">{props.empty}</div>;
  return (
    <div
      className={`table ${props.className}`}
      role="table"
      aria-label={props.label}
      aria-rowcount={props.shown.length + 1}
    >
      <div className="table-header" role="row" aria-rowindex={1}>
        {props.columns.map((column) => (
          <div key={column.id} role="columnheader" className={`cell cell-${column.id}`}>
            {column.header}
          </div>
        ))}
      </div>
      {props.shown.length === 0 ? (
        <p className="muted empty-search">{props.noMatch}</p>
      ) : (
        <VirtualList
          items={props.shown}
          rowHeight={props.rowHeight ?? 40}
          getKey={props.getKey}
          renderRow={props.renderRow}
          label={`${props.label.replace(/s$/, '')} rows`}
        />
      )}
    </div>
  );
}

/** The header cell every actions column has: named for screen readers only. */
export const ACTIONS_COLUMN: ListColumn = {
  id: 'actions',
  header: <span className="visually-hidden">Actions</span>,
};
