// Executes a parsed template against data, following Go's text/template/exec semantics: dot and
// variables, field chains, pipelines that pass each result as the next command's last argument,
// if/with/range scoping, and Go's "template: :L:C: executing ... at <node>: ..." error reports.

import type {
  BranchNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  Node,
  Operand,
  PipeNode,
  VariableNode,
} from './ast.js';
import { operandString } from './ast.js';
import type { FuncDef } from './func-support.js';
import { formatValue } from './printf.js';
import { ArgumentTypeError, TemplateError } from './template-error.js';
import {
  arrayItems,
  goTypeName,
  isPlainObject,
  kindOf,
  sortedEntries,
  truth,
  type AnyFunction,
} from './values.js';

/** The value piped in from the previous command, when there is one. */
type Final = { value: unknown } | undefined;

/** Thrown by {{break}} / {{continue}} and caught by the innermost range. */
class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

interface Variable {
  name: string;
  value: unknown;
}

export interface ExecContext {
  /** The template source, to turn node offsets into line:column for errors. */
  source: string;
  /** Caller-supplied functions; they take precedence over the library, as in Go. */
  userFuncs: Record<string, AnyFunction>;
  /** Builtin and podman functions. */
  library: Record<string, FuncDef>;
}

/** A property found on an object: own keys first, then struct-like methods/getters of its class. */
function lookupField(receiver: object, name: string): { value: unknown } | undefined {
  const lower = name.toLowerCase();
  if (receiver instanceof Map) {
    const map = receiver as Map<unknown, unknown>;
    if (map.has(name)) return { value: map.get(name) };
    for (const [key, value] of map) {
      if (typeof key === 'string' && key.toLowerCase() === lower) return { value };
    }
    return undefined;
  }
  const record = receiver as Record<string, unknown>;
  // Prototypes of class instances carry methods and getters (Go's methods); Object.prototype's
  // members (toString, constructor...) are not fields.
  const prototypes: object[] = [];
  if (!isPlainObject(receiver)) {
    for (
      let p: unknown = Object.getPrototypeOf(receiver);
      p && p !== Object.prototype;
      p = Object.getPrototypeOf(p)
    ) {
      prototypes.push(p as object);
    }
  }
  if (Object.hasOwn(record, name)) return { value: record[name] };
  for (const proto of prototypes) {
    if (name !== 'constructor' && Object.hasOwn(proto, name)) return { value: record[name] };
  }
  // Podman's field names are Go's (.ID, .OCIRuntime); our keys are JSON's (id, ociRuntime).
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return { value: record[key] };
  for (const proto of prototypes) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key !== 'constructor' && key.toLowerCase() === lower) return { value: record[key] };
    }
  }
  return undefined;
}

class State {
  private readonly out: string[] = [];
  private readonly vars: Variable[];
  /** The node being evaluated, for error context. */
  private node: Operand | CommandNode | undefined;

  constructor(
    private readonly context: ExecContext,
    data: unknown,
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  run(tree: ListNode, data: unknown): string {
    try {
      this.walk(data, tree);
    } catch (error) {
      // A stray break/continue is impossible (the parser rejects it outside range), but be safe.
      if (error instanceof LoopSignal) this.errorf(`{{${error.kind}}} outside {{range}}`);
      throw error;
    }
    return this.out.join('');
  }

  private at(node: Operand | CommandNode): void {
    this.node = node;
  }

  private errorf(message: string): never {
    const node = this.node;
    if (!node) throw new TemplateError(`template: : ${message}`);
    const before = this.context.source.slice(0, node.pos);
    const newline = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    // Go reports a 0-based byte column (counted from the start of the line).
    const column = newline < 0 ? node.pos : node.pos - newline - 1;
    throw new TemplateError(
      `template: :${line}:${column}: executing "" at <${operandString(node)}>: ${message}`,
    );
  }

  // Variables.

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const variable = this.vars[i];
      if (variable?.name === name) return variable.value;
    }
    return this.errorf(`undefined variable: ${name}`);
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const variable = this.vars[i];
      if (variable?.name === name) {
        variable.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  /** Sets the n-th variable from the top (1 = most recently declared). */
  private setTopVar(n: number, value: unknown): void {
    const variable = this.vars[this.vars.length - n];
    if (variable) variable.value = value;
  }

  // Statements.

  private walk(dot: unknown, node: Node): void {
    switch (node.kind) {
      case 'text':
        this.out.push(node.text);
        return;
      case 'list':
        for (const child of node.nodes) this.walk(dot, child);
        return;
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out.push(formatValue(value));
        return;
      }
      case 'if':
      case 'with':
        this.walkIfOrWith(dot, node);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'break':
      case 'continue':
        throw new LoopSignal(node.kind);
    }
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): void {
    const scope = this.vars.length;
    try {
      const value = this.evalPipeline(dot, node.pipe);
      if (truth(value)) this.walk(node.kind === 'with' ? value : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = scope;
    }
  }

  private walkRange(dot: unknown, node: BranchNode): void {
    const scope = this.vars.length;
    const { pipe } = node;
    try {
      const value = this.evalPipeline(dot, pipe);
      this.at(pipe.cmds[0] ?? pipe);
      /** Runs the body once; returns false on {{break}}. */
      const iteration = (index: unknown, element: unknown): boolean => {
        if (pipe.isAssign) {
          const [first, second] = pipe.decl;
          if (first) this.setVar(first.idents[0] ?? '', second ? index : element);
          if (second) this.setVar(second.idents[0] ?? '', element);
        } else {
          // With two variables, the first gets the index and the second the element.
          if (pipe.decl.length > 0) this.setTopVar(1, element);
          if (pipe.decl.length > 1) this.setTopVar(2, index);
        }
        const inner = this.vars.length;
        try {
          this.walk(element, node.list);
        } catch (error) {
          if (!(error instanceof LoopSignal)) throw error;
          if (error.kind === 'break') return false;
        } finally {
          this.vars.length = inner;
        }
        return true;
      };
      let count = 0;
      switch (kindOf(value)) {
        case 'array':
          for (const [i, element] of arrayItems(value as unknown[]).entries()) {
            count++;
            if (!iteration(i, element)) break;
          }
          break;
        case 'map':
        case 'object':
          for (const [key, element] of sortedEntries(value as object)) {
            count++;
            if (!iteration(key, element)) break;
          }
          break;
        case 'number': {
          // Go 1.22: {{range 3}} visits 0, 1, 2.
          const n = value as number;
          if (!Number.isInteger(n)) this.errorf(`range can't iterate over ${formatValue(value)}`);
          if (pipe.decl.length > 1) {
            this.errorf(`can't use ${formatValue(value)} to iterate over more than one variable`);
          }
          for (let i = 0; i < n; i++) {
            count++;
            if (!iteration(i, i)) break;
          }
          break;
        }
        case 'missing':
        case 'nil':
          break; // a nil map or slice: nothing to visit
        default:
          this.errorf(`range can't iterate over ${formatValue(value)}`);
      }
      if (count === 0 && node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = scope;
    }
  }

  // Expressions.

  private evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    let value: unknown;
    let final: Final;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, final);
      final = { value };
    }
    for (const variable of pipe.decl) {
      const name = variable.idents[0] ?? '';
      if (pipe.isAssign) this.setVar(name, value);
      else this.vars.push({ name, value });
    }
    return value;
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    if (!first) return this.errorf('empty command');
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        // A parenthesized pipeline takes no arguments; its own commands have them.
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
      default:
        break;
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'nil':
        return this.errorf('nil is not a command');
      case 'dot':
        return dot;
      default:
        return first.value;
    }
  }

  private notAFunction(args: Operand[], final: Final): void {
    const first = args[0];
    if (first && (args.length > 1 || final)) {
      this.errorf(`can't give argument to non-function ${operandString(first)}`);
    }
  }

  private evalFieldNode(
    dot: unknown,
    field: FieldNode,
    args: Operand[],
    final: Final,
    invoke = true,
  ): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.idents, args, final, invoke);
  }

  private evalChainNode(
    dot: unknown,
    chain: ChainNode,
    args: Operand[],
    final: Final,
    invoke = true,
  ): unknown {
    this.at(chain);
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${operandString(chain)}`);
    const receiver = this.evalArg(dot, chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.fields, args, final, invoke);
  }

  private evalVariableNode(
    dot: unknown,
    variable: VariableNode,
    args: Operand[],
    final: Final,
    invoke = true,
  ): unknown {
    this.at(variable);
    const [name = '$', ...fields] = variable.idents;
    const value = this.varValue(name);
    if (fields.length === 0) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, fields, args, final, invoke);
  }

  /**
   * .A.B.C: every field but the last is evaluated without arguments. invoke=false leaves a function
   * in the last field uncalled (for the first argument of `call`).
   */
  private evalFieldChain(
    dot: unknown,
    receiver: unknown,
    node: Operand,
    idents: string[],
    args: Operand[],
    final: Final,
    invoke: boolean,
  ): unknown {
    let current = receiver;
    idents.forEach((name, i) => {
      const last = i === idents.length - 1;
      current = last
        ? this.evalField(dot, name, node, args, final, current, invoke)
        : this.evalField(dot, name, node, [], undefined, current, true);
    });
    return current;
  }

  private evalField(
    dot: unknown,
    name: string,
    node: Operand,
    args: Operand[],
    final: Final,
    receiver: unknown,
    invoke: boolean,
  ): unknown {
    // Go yields "no value" for a field of a missing value; we do the same for null (Go would report
    // a nil pointer), since JSON nulls stand in for Go zero values that podman could still print.
    if (receiver === undefined || receiver === null) return undefined;
    const hasArgs = args.length > 1 || final !== undefined;
    const kind = kindOf(receiver);
    if (kind === 'object' || kind === 'map') {
      const found = lookupField(receiver as object, name);
      // A function in a field acts as a Go method: calling it is what reading the field means.
      if (found && typeof found.value === 'function' && invoke) {
        const argv = this.evalArgs(dot, args, final);
        return this.callFunction(found.value as AnyFunction, receiver, name, node, argv);
      }
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      return found?.value;
    }
    return this.errorf(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  private evalFunction(
    dot: unknown,
    node: IdentifierNode,
    cmd: Operand | CommandNode,
    args: Operand[],
    final: Final,
  ): unknown {
    this.at(node);
    const { name } = node;
    const user = Object.hasOwn(this.context.userFuncs, name) ? this.context.userFuncs[name] : undefined;
    if (user) return this.callFunction(user, undefined, name, cmd, this.evalArgs(dot, args, final));
    const def = Object.hasOwn(this.context.library, name) ? this.context.library[name] : undefined;
    if (!def) return this.errorf(`"${name}" is not a defined function`);
    this.checkArity(def, name, args, final);
    if (name === 'and' || name === 'or') {
      // Short-circuit: return the first argument that decides the result, evaluating no further.
      let value: unknown;
      for (const arg of args.slice(1)) {
        value = this.evalArg(dot, arg);
        if (truth(value) === (name === 'or')) return value;
      }
      return final ? final.value : value;
    }
    // `call .Fn x` needs the function in .Fn itself, not the result of invoking it as a method.
    const argv = this.evalArgs(dot, args, final, name === 'call');
    return this.callFunction(def.call, undefined, name, cmd, argv);
  }

  /** Go checks the argument count before evaluating arguments; the error points at the name. */
  private checkArity(def: FuncDef, name: string, args: Operand[], final: Final): void {
    const count = args.length - 1 + (final ? 1 : 0);
    if (count >= def.min && count <= def.max) return;
    let want = String(def.min);
    if (def.max === Infinity) want = `at least ${def.min}`;
    else if (def.max !== def.min) want = count < def.min ? `at least ${def.min}` : `at most ${def.max}`;
    this.errorf(`wrong number of args for ${name}: want ${want} got ${count}`);
  }

  /** The command's arguments after the function name, then the piped value if any. */
  private evalArgs(dot: unknown, args: Operand[], final: Final, keepFirstFunction = false): unknown[] {
    const argv = args.slice(1).map((arg, i) => this.evalArg(dot, arg, !(keepFirstFunction && i === 0)));
    if (final) argv.push(final.value);
    return argv;
  }

  private callFunction(
    fn: AnyFunction,
    receiver: unknown,
    name: string,
    node: Operand | CommandNode,
    argv: unknown[],
  ): unknown {
    this.at(node);
    try {
      return fn.apply(receiver, argv);
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      if (error instanceof ArgumentTypeError) this.errorf(error.message);
      this.errorf(`error calling ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private evalArg(dot: unknown, node: Operand, invoke = true): unknown {
    this.at(node);
    switch (node.kind) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'field':
        return this.evalFieldNode(dot, node, [node], undefined, invoke);
      case 'variable':
        return this.evalVariableNode(dot, node, [node], undefined, invoke);
      case 'pipe':
        return this.evalPipeline(dot, node);
      case 'identifier':
        return this.evalFunction(dot, node, node, [node], undefined);
      case 'chain':
        return this.evalChainNode(dot, node, [], undefined, invoke);
      default:
        return node.value;
    }
  }
}

/** Runs a parsed template; throws TemplateError on failures such as calling a non-function. */
export function execute(tree: ListNode, data: unknown, context: ExecContext): string {
  return new State(context, data).run(tree, data);
}
