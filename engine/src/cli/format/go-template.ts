// The public face of Berth's Go text/template implementation for --format strings.
//
// compileTemplate parses once (reporting syntax errors and unknown functions immediately, as Go's
// Parse does) and returns a renderer. Go's builtins and podman's extra functions are always available;
// caller-supplied functions override them, as template.Funcs does in Go.

import type { ListNode, Node } from './ast.js';
import { BUILTINS } from './builtins.js';
import { execute } from './exec.js';
import type { FuncDef } from './func-support.js';
import { parseTemplate } from './parser.js';
import { PODMAN_FUNCTIONS } from './podman-funcs.js';
import type { AnyFunction } from './values.js';

export { TemplateError } from './template-error.js';

export type TemplateFunction = (...args: unknown[]) => unknown;

/** Builtins plus podman's functions; podman's win on a name clash (none today). */
const LIBRARY: Record<string, FuncDef> = { ...BUILTINS, ...PODMAN_FUNCTIONS };

export interface CompiledTemplate {
  /** The parse tree, for callers that derive more from the template (table headers). */
  tree: ListNode;
  render: (data: unknown) => string;
  /** Renders one node of the tree on its own (used to print literal actions in table headers). */
  renderPart: (node: Node, data: unknown) => string;
}

/** Parses a template and keeps its tree. Throws TemplateError for syntax errors. */
export function compileTemplateTree(
  source: string,
  funcs: Record<string, TemplateFunction> = {},
): CompiledTemplate {
  const userFuncs: Record<string, AnyFunction> = { ...funcs };
  const hasFunction = (name: string): boolean =>
    Object.hasOwn(userFuncs, name) || Object.hasOwn(LIBRARY, name);
  const tree = parseTemplate(source, hasFunction);
  const context = { source, userFuncs, library: LIBRARY };
  const slow = (data: unknown): string => execute(tree, data, context);
  return {
    tree,
    render: fieldsOnlyRenderer(tree, slow) ?? slow,
    renderPart: (node, data) => execute({ kind: 'list', pos: node.pos, nodes: [node] }, data, context),
  };
}

/**
 * Compiles a Go template. The returned function renders it for one data value and throws
 * TemplateError for execution failures (wrong argument types, calling a non-function, ...).
 */
export function compileTemplate(
  source: string,
  funcs: Record<string, TemplateFunction> = {},
): (data: unknown) => string {
  return compileTemplateTree(source, funcs).render;
}

/**
 * Most --format strings, and every default table, are text and plain `{{.Field}}` actions. For
 * those, a row whose fields are own string properties is rendered by concatenation: the same
 * text Go prints for a string, without walking the tree (`ps -a` over 500 containers spent 70 ms
 * in the general executor). Any other row goes to the executor, so the output never differs.
 */
function fieldsOnlyRenderer(
  tree: ListNode,
  slow: (data: unknown) => string,
): ((data: unknown) => string) | undefined {
  const parts: Array<{ text: string } | { field: string }> = [];
  for (const node of tree.nodes) {
    if (node.kind === 'text') {
      parts.push({ text: node.text });
      continue;
    }
    if (node.kind !== 'action' || node.pipe.decl.length > 0 || node.pipe.cmds.length !== 1) return undefined;
    const args = node.pipe.cmds[0]?.args ?? [];
    const field = args[0];
    if (args.length !== 1 || field?.kind !== 'field' || field.idents.length !== 1) return undefined;
    parts.push({ field: field.idents[0] as string });
  }
  return (data) => {
    if (typeof data !== 'object' || data === null || Object.getPrototypeOf(data) !== Object.prototype)
      return slow(data);
    const record = data as Record<string, unknown>;
    let out = '';
    for (const part of parts) {
      if ('text' in part) {
        out += part.text;
        continue;
      }
      const value = Object.hasOwn(record, part.field) ? record[part.field] : undefined;
      if (typeof value !== 'string') return slow(data);
      out += value;
    }
    return out;
  };
}
