// A command palette: type to filter, arrows to move, Enter to run, Escape to close. Commands come
// from the caller; this only lists, filters and runs them.
import { useEffect, useId, useMemo, useRef, useState } from 'react';

export interface PaletteCommand {
  id: string;
  /** What the list shows and the filter matches, e.g. "Go to Images". */
  title: string;
  /** A group shown beside the title: "Page", "Action", "Container". */
  group: string;
  /** A shortcut to show, e.g. "Alt+4". */
  shortcut?: string;
  run(): void;
}

/** Commands whose title holds every typed word (any order, any case), best first: title starts with the text. */
export function filterCommands(commands: readonly PaletteCommand[], text: string): PaletteCommand[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  const query = text.trim().toLowerCase();
  const found = commands.filter((c) => {
    const haystack = `${c.title} ${c.group}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  return found.sort(
    (a, b) =>
      Number(b.title.toLowerCase().startsWith(query)) - Number(a.title.toLowerCase().startsWith(query)),
  );
}

/** Rows shown at once: the palette is for jumping, not browsing a thousand containers. */
const MAX_SHOWN = 50;

export function CommandPalette({
  commands,
  onClose,
}: {
  commands: readonly PaletteCommand[];
  onClose(): void;
}) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const shown = useMemo(() => filterCommands(commands, text).slice(0, MAX_SHOWN), [commands, text]);
  const current = Math.min(active, Math.max(0, shown.length - 1));
  useEffect(() => input.current?.focus(), []);
  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };
  return (
    <div
      className="dialog-backdrop palette-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-label="Type a command"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={shown[current] ? `${listId}-${current}` : undefined}
          placeholder="Go to a page, run an action, find a container…"
          value={text}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive(Math.min(current + 1, shown.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive(Math.max(current - 1, 0));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              run(shown[current]);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onClose();
            }
          }}
        />
        <ul id={listId} role="listbox" aria-label="Commands" className="palette-list">
          {shown.map((command, index) => (
            <li
              key={command.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === current}
              className={index === current ? 'palette-item active' : 'palette-item'}
              onMouseMove={() => setActive(index)}
              onMouseDown={(e) => {
                e.preventDefault();
                run(command);
              }}
            >
              <span className="palette-title">{command.title}</span>
              <span className="palette-group muted">{command.group}</span>
              {command.shortcut ? <kbd>{command.shortcut}</kbd> : null}
            </li>
          ))}
          {shown.length === 0 ? <li className="muted palette-empty">No command matches “{text}”.</li> : null}
        </ul>
      </div>
    </div>
  );
}
