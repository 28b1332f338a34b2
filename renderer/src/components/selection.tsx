// Selecting rows for bulk actions: the state (a zustand slice each page store includes), the
// select-all and per-row checkboxes, and the bar of actions over the selection.
import type { ReactNode } from 'react';

export interface SelectionState {
  selected: ReadonlySet<string>;
  setSelected(ids: ReadonlySet<string>): void;
  toggleSelected(id: string): void;
  /** Takes ids out of the selection (they were deleted). */
  unselect(ids: readonly string[]): void;
}

type SetState = (update: (state: SelectionState) => Partial<SelectionState>) => void;

export function selectionState(set: SetState): SelectionState {
  return {
    selected: new Set(),
    setSelected: (selected) => set(() => ({ selected })),
    toggleSelected: (id) =>
      set((state) => {
        const selected = new Set(state.selected);
        if (selected.has(id)) selected.delete(id);
        else selected.add(id);
        return { selected };
      }),
    unselect: (ids) =>
      set((state) => {
        if (!ids.some((id) => state.selected.has(id))) return {};
        const selected = new Set(state.selected);
        for (const id of ids) selected.delete(id);
        return { selected };
      }),
  };
}

/** The header checkbox: selects every shown row, or clears the selection when all are. */
export function SelectAllCheckbox({
  ids,
  selected,
  onChange,
  label,
}: {
  ids: readonly string[];
  selected: ReadonlySet<string>;
  onChange(selected: ReadonlySet<string>): void;
  label: string;
}) {
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={all}
      onChange={() => onChange(all ? new Set() : new Set(ids))}
    />
  );
}

/** Shown while rows are selected: how many, the page's bulk actions, and clearing. */
export function BulkActionBar({
  count,
  label,
  onClear,
  children,
}: {
  count: number;
  label: string;
  onClear(): void;
  children: ReactNode;
}) {
  if (count === 0) return null;
  return (
    <div className="bulk-actions" role="group" aria-label={label}>
      <span>{count} selected</span>
      {children}
      <button type="button" className="link-button" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}
