// A terminal panel (xterm.js) over one of the contract's terminal streams: a container's exec'd
// shell or its own TTY, a machine's SSH shell. It stays mounted while the user switches tabs, so
// the session and its scrollback survive; it fits the panel on resize; Ctrl+Shift+C/V copy and
// paste (plain paste works too); a lost connection reconnects, an exited shell can be restarted.
// Unmounting it closes the session, which ends it at the source.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useEngine } from '../../api/engine-context.js';
import {
  TerminalSession,
  type SessionState,
  type TerminalSurface,
  type TerminalTarget,
} from './terminal-session.js';

/** The emulator a view drives; tests give one that needs no layout. */
export interface TerminalEmulator extends TerminalSurface {
  open(parent: HTMLElement): void;
  fit(): void;
  focus(): void;
  dispose(): void;
}

function readThemeColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

export function createXtermEmulator(): TerminalEmulator {
  const terminal = new Terminal({
    cursorBlink: true,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 13,
    scrollback: 5000,
    theme: { background: readThemeColor('--terminal-bg', '#14161b'), foreground: '#e6e8ec' },
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    if (event.code === 'KeyC') {
      const selection = terminal.getSelection();
      if (selection) void navigator.clipboard?.writeText(selection);
      return false;
    }
    if (event.code === 'KeyV') {
      void navigator.clipboard?.readText().then((text) => terminal.paste(text));
      return false;
    }
    return true;
  });
  return {
    get cols() {
      return terminal.cols;
    },
    get rows() {
      return terminal.rows;
    },
    write: (data) => terminal.write(data),
    onData: (listener) => terminal.onData(listener),
    onResize: (listener) => terminal.onResize(listener),
    open: (parent) => terminal.open(parent),
    fit: () => {
      try {
        fit.fit();
      } catch {
        // not laid out (a hidden tab): fitted when shown
      }
    },
    focus: () => terminal.focus(),
    dispose: () => terminal.dispose(),
  };
}

function describe(state: SessionState): string {
  switch (state.status) {
    case 'connecting':
      return 'Connecting…';
    case 'open':
      return 'Connected';
    case 'exited':
      return `Session ended (exit code ${state.code})`;
    case 'disconnected':
      return 'Connection lost: reconnecting when the engine is back…';
    case 'failed':
      return `Could not open the terminal: ${state.message}`;
    case 'closed':
      return 'Closed';
  }
}

export function TerminalView({
  target,
  label,
  restartLabel,
  active,
  createEmulator = createXtermEmulator,
}: {
  target: TerminalTarget;
  /** The panel's accessible name ("Container terminal"); its status is "<label> status". */
  label: string;
  /** The button that opens a new session once one ended ("Start a new shell"). */
  restartLabel: string;
  /** The tab is showing: fit and focus. Hidden tabs keep their session. */
  active: boolean;
  createEmulator?: () => TerminalEmulator;
}) {
  const engine = useEngine();
  const host = useRef<HTMLDivElement>(null);
  const emulator = useRef<TerminalEmulator | undefined>(undefined);
  const session = useRef<TerminalSession | undefined>(undefined);
  const [state, setState] = useState<SessionState>({ status: 'connecting' });
  // A new session only when the target really changes, not when the caller builds a new object.
  const targetKey = JSON.stringify(target);

  useEffect(() => {
    const element = host.current!;
    const terminal = createEmulator();
    terminal.open(element);
    terminal.fit();
    const current = new TerminalSession(engine, JSON.parse(targetKey) as TerminalTarget, terminal, setState);
    emulator.current = terminal;
    session.current = current;
    current.connect();
    let frame = 0;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver(() => {
            cancelAnimationFrame(frame);
            frame = requestAnimationFrame(() => terminal.fit());
          });
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      cancelAnimationFrame(frame);
      current.close();
      terminal.dispose();
      emulator.current = undefined;
      session.current = undefined;
    };
  }, [engine, targetKey, createEmulator]);

  useEffect(() => {
    if (!active) return;
    emulator.current?.fit();
    emulator.current?.focus();
  }, [active]);

  return (
    <div className="terminal-panel">
      <div className="terminal-toolbar">
        <span
          className={`terminal-status terminal-${state.status}`}
          role="status"
          aria-label={`${label} status`}
        >
          {describe(state)}
        </span>
        <span className="muted hint">Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes.</span>
        {state.status === 'exited' || state.status === 'failed' ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              emulator.current?.write('\r\n');
              session.current?.connect();
              emulator.current?.focus();
            }}
          >
            {restartLabel}
          </button>
        ) : null}
      </div>
      <div className="terminal-host" ref={host} role="group" aria-label={label} />
    </div>
  );
}
