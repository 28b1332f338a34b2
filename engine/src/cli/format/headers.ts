// Table headers for "table" formats. Podman renders the header row by running the row template over
// a map from Go field names to column titles; we get the same result by walking the parsed template:
// each action that shows a field becomes that field's title, text (tabs) is kept as is.

import type { CommandNode, ListNode, Node, Operand } from './ast.js';

type CharClass = 'upper' | 'lower' | 'digit' | 'separator';

function classOf(char: string): CharClass {
  if (/^\p{Lu}$/u.test(char)) return 'upper';
  if (/^\p{Nd}$/u.test(char)) return 'digit';
  if (/^[\p{L}\p{M}]$/u.test(char)) return 'lower';
  return 'separator';
}

/**
 * Splits a field name into words like the camelcase package podman uses: case changes and digits
 * start words, and an acronym ends before a capital that begins a new word ("OCIRuntime" ->
 * OCI Runtime). Separators (_ - . space), common in JSON keys, also split and are dropped.
 */
export function splitWords(name: string): string[] {
  const runs: { kind: CharClass; text: string }[] = [];
  for (const char of name) {
    const kind = classOf(char);
    const last = runs[runs.length - 1];
    if (last && last.kind === kind) last.text += char;
    else runs.push({ kind, text: char });
  }
  for (let i = 0; i + 1 < runs.length; i++) {
    const current = runs[i];
    const next = runs[i + 1];
    if (current?.kind === 'upper' && next?.kind === 'lower') {
      const chars = Array.from(current.text);
      next.text = (chars.pop() ?? '') + next.text;
      current.text = chars.join('');
    }
  }
  return runs.filter((run) => run.kind !== 'separator' && run.text !== '').map((run) => run.text);
}

/** The default column title for a field: "CreatedAt" -> "CREATED AT", "ID" -> "ID". */
export function headerFromFieldName(name: string): string {
  return splitWords(name).join(' ').toUpperCase();
}

/** The field path an operand displays: .A.B -> [A, B], $x.A -> [A]; undefined if it shows none. */
function fieldPath(node: Operand | CommandNode): string[] | undefined {
  switch (node.kind) {
    case 'field':
      return node.idents;
    case 'variable':
      return node.idents.length > 1 ? node.idents.slice(1) : undefined;
    case 'chain':
      return node.fields;
    case 'command':
      for (const arg of node.args) {
        const path = fieldPath(arg);
        if (path) return path;
      }
      return undefined;
    case 'pipe':
      for (const cmd of node.cmds) {
        const path = fieldPath(cmd);
        if (path) return path;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Whether an operand reads the data (dot, a field or a variable) rather than only literals. */
function readsData(node: Operand | CommandNode): boolean {
  switch (node.kind) {
    case 'dot':
    case 'field':
    case 'variable':
    case 'chain':
      return true;
    case 'command':
      return node.args.some(readsData);
    case 'pipe':
      return node.cmds.some(readsData);
    default:
      return false;
  }
}

export interface HeaderSources {
  /** The title for a field path, e.g. ['ID'] -> 'CONTAINER ID'. */
  titleFor: (path: string[]) => string;
  /** Renders an action built only from literals (such as {{"-"}}), which prints the same anywhere. */
  renderLiteral: (node: Node) => string;
}

/**
 * The header line of a table template. An action titles the first field it mentions (so
 * {{truncate .ID 12}} and {{.Names | join ","}} are titled by ID and Names). if/with/range blocks
 * collapse to the title of the field they test; their inner text is not repeated.
 */
export function tableHeader(tree: ListNode, sources: HeaderSources): string {
  const render = (node: Node): string => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'list':
        return node.nodes.map(render).join('');
      case 'action': {
        if (node.pipe.decl.length > 0) return '';
        const path = fieldPath(node.pipe);
        if (path) return sources.titleFor(path);
        // {{"|"}} prints the same in the header as in rows; {{.}} or {{$x}} has no sensible title.
        return readsData(node.pipe) ? '' : sources.renderLiteral(node);
      }
      case 'if':
      case 'with':
      case 'range': {
        const path = fieldPath(node.pipe);
        return path ? sources.titleFor(path) : '';
      }
      default:
        return '';
    }
  };
  return render(tree);
}
