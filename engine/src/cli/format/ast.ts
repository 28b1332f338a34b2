// The parse tree of a template, shaped like Go's text/template/parse nodes. Every node keeps its source
// offset so execution errors can point at "line:column" the way Go does.

import { goQuote } from './printf.js';

interface Positioned {
  pos: number;
}

export interface TextNode extends Positioned {
  kind: 'text';
  text: string;
}

export interface ListNode extends Positioned {
  kind: 'list';
  nodes: Node[];
}

export interface FieldNode extends Positioned {
  kind: 'field';
  /** Field names without dots: .A.B is ['A', 'B']. */
  idents: string[];
}

export interface VariableNode extends Positioned {
  kind: 'variable';
  /** The variable name with its '$', then any field names: $x.A is ['$x', 'A']. */
  idents: string[];
}

export interface ChainNode extends Positioned {
  kind: 'chain';
  /** A term followed by fields, such as (index .M "k").Name. */
  node: Operand;
  fields: string[];
}

export interface IdentifierNode extends Positioned {
  kind: 'identifier';
  name: string;
}

export interface DotNode extends Positioned {
  kind: 'dot';
}

export interface NilNode extends Positioned {
  kind: 'nil';
}

export interface BoolNode extends Positioned {
  kind: 'bool';
  value: boolean;
}

export interface NumberNode extends Positioned {
  kind: 'number';
  text: string;
  value: number;
}

export interface StringNode extends Positioned {
  kind: 'string';
  /** As written, with quotes. */
  quoted: string;
  value: string;
}

export interface PipeNode extends Positioned {
  kind: 'pipe';
  /** Variables declared (:=) or assigned (=) by this pipeline. */
  decl: VariableNode[];
  isAssign: boolean;
  cmds: CommandNode[];
}

export interface CommandNode extends Positioned {
  kind: 'command';
  args: Operand[];
}

export type Operand =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export interface ActionNode extends Positioned {
  kind: 'action';
  pipe: PipeNode;
}

export interface BranchNode extends Positioned {
  kind: 'if' | 'with' | 'range';
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | undefined;
}

export interface BreakNode extends Positioned {
  kind: 'break' | 'continue';
}

export type Node = TextNode | ListNode | ActionNode | BranchNode | BreakNode;

/** Go's Node.String() for operands and pipelines: used in "executing ... at <.A.B>" messages. */
export function operandString(node: Operand | CommandNode): string {
  switch (node.kind) {
    case 'field':
      return node.idents.map((ident) => `.${ident}`).join('');
    case 'variable':
      return node.idents.join('.');
    case 'chain': {
      const inner = node.node.kind === 'pipe' ? `(${operandString(node.node)})` : operandString(node.node);
      return inner + node.fields.map((field) => `.${field}`).join('');
    }
    case 'identifier':
      return node.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(node.value);
    case 'number':
      return node.text;
    case 'string':
      return node.quoted || goQuote(node.value);
    case 'command':
      return node.args
        .map((arg) => (arg.kind === 'pipe' ? `(${operandString(arg)})` : operandString(arg)))
        .join(' ');
    case 'pipe': {
      const decl =
        node.decl.length > 0
          ? `${node.decl.map(operandString).join(', ')} ${node.isAssign ? '=' : ':='} `
          : '';
      return decl + node.cmds.map(operandString).join(' | ');
    }
  }
}
