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
  return {
    tree,
    render: (data) => execute(tree, data, context),
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
