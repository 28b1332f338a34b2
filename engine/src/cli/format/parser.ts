// Recursive-descent parser from tokens to the node tree, following Go's text/template/parse.
//
// Error messages and their order match Go's, because users compare podman's and our output: e.g.
// "template: :1: function \"foo\" not defined", "unexpected EOF", "unexpected {{end}}".
// define/template/block are rejected: --format strings never need named templates.

import type {
  BranchNode,
  CommandNode,
  ListNode,
  Node,
  Operand,
  PipeNode,
  TextNode,
  VariableNode,
} from './ast.js';
import { operandString } from './ast.js';
import { lex, type Token, type TokenType } from './lexer.js';
import { parseCharConstant, parseNumberLiteral, unquoteString } from './literals.js';
import { goQuote } from './printf.js';
import { TemplateError } from './template-error.js';

/** {{end}} and {{else}} end a list; the enclosing control structure consumes them. */
interface Marker {
  kind: 'end' | 'else';
  pos: number;
}

/** Stages after the first in a pipeline must be something that can take an argument. */
const NON_EXECUTABLE = new Set(['bool', 'dot', 'nil', 'number', 'string']);

const OPERAND_START = new Set<TokenType>([
  'bool',
  'charConstant',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawString',
  'string',
  'variable',
  'leftParen',
]);

class Parser {
  private index = 0;
  /** The most recently read token; Go reports its line in errors. */
  private current: Token;
  /** Variables in scope, innermost last; "$" (the data) is always defined. */
  private readonly vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly hasFunction: (name: string) => boolean,
  ) {
    this.current = tokens[0] ?? { type: 'eof', value: '', pos: 0, line: 1 };
  }

  parse(): ListNode {
    const root: ListNode = { kind: 'list', pos: 0, nodes: [] };
    while (this.peek().type !== 'eof') {
      const node = this.textOrAction();
      if (node === undefined) continue;
      if (node.kind === 'end' || node.kind === 'else') this.errorf(`unexpected {{${node.kind}}}`);
      root.nodes.push(node as Node);
    }
    return root;
  }

  // Token access. The token list always ends with an 'eof' or 'error' token, which repeats forever.

  private next(): Token {
    const token = this.tokens[Math.min(this.index, this.tokens.length - 1)] ?? this.current;
    this.index++;
    this.current = token;
    return token;
  }

  private backup(): void {
    this.index--;
  }

  private peek(): Token {
    const token = this.next();
    this.backup();
    return token;
  }

  private nextNonSpace(): Token {
    let token = this.next();
    while (token.type === 'space') token = this.next();
    return token;
  }

  private peekNonSpace(): Token {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  private errorf(message: string): never {
    throw new TemplateError(`template: :${this.current.line}: ${message}`);
  }

  /** Go's item.String(): how a token is named in "unexpected X in Y". */
  private describe(token: Token): string {
    switch (token.type) {
      case 'eof':
        return 'EOF';
      case 'error':
        return token.value;
      case 'keyword':
      case 'dot':
      case 'nil':
        return `<${token.value}>`;
      default: {
        const chars = Array.from(token.value);
        return chars.length > 10 ? `${goQuote(chars.slice(0, 10).join(''))}...` : goQuote(token.value);
      }
    }
  }

  private unexpected(token: Token, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at :${this.actionLine}`;
        if (token.value.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(token.value + extra);
    }
    this.errorf(`unexpected ${this.describe(token)} in ${context}`);
  }

  private expect(type: TokenType, context: string): Token {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  // Structure.

  /** One text, action or comment (undefined). Also returns the {{end}}/{{else}} markers. */
  private textOrAction(): Node | Marker | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'text':
        return { kind: 'text', pos: token.pos, text: token.value } satisfies TextNode;
      case 'leftDelim':
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      case 'comment':
        return undefined;
      default:
        return this.unexpected(token, 'input');
    }
  }

  /** A list of nodes up to (and returning) the {{end}} or {{else}} that closes it. */
  private itemList(): [ListNode, Marker] {
    const list: ListNode = { kind: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const node = this.textOrAction();
      if (node === undefined) continue;
      if (node.kind === 'end' || node.kind === 'else') return [list, node as Marker];
      list.nodes.push(node as Node);
    }
    return this.errorf('unexpected EOF');
  }

  private action(): Node | Marker {
    const token = this.nextNonSpace();
    if (token.type === 'keyword') {
      switch (token.value) {
        case 'if':
        case 'range':
        case 'with':
          return this.control(token.value, token.pos);
        case 'else':
          return this.elseControl();
        case 'end':
          return { kind: 'end', pos: this.expect('rightDelim', 'end').pos };
        case 'break':
        case 'continue': {
          const close = this.nextNonSpace();
          if (close.type !== 'rightDelim') this.unexpected(close, `{{${token.value}}}`);
          if (this.rangeDepth === 0) this.errorf(`{{${token.value}}} outside {{range}}`);
          return { kind: token.value, pos: token.pos };
        }
        default:
          // define, template, block: named templates have no use in a --format string.
          return this.errorf(`{{${token.value}}} is not supported`);
      }
    }
    this.backup();
    const pos = this.peek().pos;
    return { kind: 'action', pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private elseControl(): Marker {
    const peek = this.peekNonSpace();
    // "{{else if ...}}" and "{{else with ...}}" leave the keyword for the enclosing control to read.
    if (peek.type === 'keyword' && (peek.value === 'if' || peek.value === 'with')) {
      return { kind: 'else', pos: peek.pos };
    }
    return { kind: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  private control(context: 'if' | 'range' | 'with', pos: number): BranchNode {
    // Variables declared in the pipeline or the body go out of scope at {{end}}.
    const scope = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.kind === 'else') {
        // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}; the inner
        // control consumes the single {{end}}.
        const peek = this.peek();
        if (context !== 'range' && peek.type === 'keyword' && peek.value === context) {
          const keyword = this.next();
          elseList = { kind: 'list', pos: next.pos, nodes: [this.control(context, keyword.pos)] };
        } else {
          const [list2, end] = this.itemList();
          if (end.kind !== 'end') this.errorf(`expected end; found {{${end.kind}}}`);
          elseList = list2;
        }
      }
      return { kind: context, pos, pipe, list, elseList };
    } finally {
      this.vars.length = scope;
    }
  }

  // Pipelines.

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const pipe: PipeNode = {
      kind: 'pipe',
      pos: this.peekNonSpace().pos,
      decl: [],
      isAssign: false,
      cmds: [],
    };
    for (;;) {
      const variable = this.peekNonSpace();
      if (variable.type !== 'variable') break;
      const restart = this.index;
      this.next();
      const following = this.peekNonSpace();
      if (following.type === 'assign' || following.type === 'declare') {
        pipe.isAssign = following.type === 'assign';
        this.nextNonSpace();
        this.declare(pipe, variable);
        break;
      }
      if (following.type === 'char' && following.value === ',') {
        this.nextNonSpace();
        this.declare(pipe, variable);
        if (context === 'range' && pipe.decl.length < 2) {
          const type = this.peekNonSpace().type;
          if (type === 'variable' || type === 'rightDelim' || type === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      // Not a declaration: the variable starts the first command.
      this.index = restart;
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!OPERAND_START.has(token.type)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private declare(pipe: PipeNode, token: Token): void {
    if (pipe.isAssign && !this.vars.includes(token.value)) {
      this.errorf(`undefined variable ${goQuote(token.value)}`);
    }
    pipe.decl.push({ kind: 'variable', pos: token.pos, idents: [token.value] });
    this.vars.push(token.value);
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((cmd, i) => {
      const first = cmd.args[0];
      if (first && NON_EXECUTABLE.has(first.kind)) {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  /** A term followed by any .Field chain. */
  private operand(): Operand | undefined {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().value.slice(1));
    switch (node.kind) {
      case 'field':
      case 'variable':
        return { ...node, idents: [...node.idents, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.errorf(`unexpected . after term ${goQuote(operandString(node))}`);
      default:
        return { kind: 'chain', pos, node, fields };
    }
  }

  private term(): Operand | undefined {
    const token = this.nextNonSpace();
    const { pos } = token;
    switch (token.type) {
      case 'identifier':
        if (!this.hasFunction(token.value)) this.errorf(`function ${goQuote(token.value)} not defined`);
        return { kind: 'identifier', pos, name: token.value };
      case 'dot':
        return { kind: 'dot', pos };
      case 'nil':
        return { kind: 'nil', pos };
      case 'variable':
        if (!this.vars.includes(token.value)) this.errorf(`undefined variable ${goQuote(token.value)}`);
        return { kind: 'variable', pos, idents: [token.value] } satisfies VariableNode;
      case 'field':
        return { kind: 'field', pos, idents: [token.value.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos, value: token.value === 'true' };
      case 'number':
      case 'charConstant':
        try {
          const value =
            token.type === 'number' ? parseNumberLiteral(token.value) : parseCharConstant(token.value);
          return { kind: 'number', pos, text: token.value, value };
        } catch (error) {
          return this.errorf((error as Error).message);
        }
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        try {
          return { kind: 'string', pos, quoted: token.value, value: unquoteString(token.value) };
        } catch (error) {
          return this.errorf((error as Error).message);
        }
      default:
        this.backup();
        return undefined;
    }
  }
}

/**
 * Parses template source into a tree. hasFunction tells which identifiers are callable; an unknown
 * one is a compile-time error, as in Go.
 */
export function parseTemplate(source: string, hasFunction: (name: string) => boolean): ListNode {
  return new Parser(lex(source), hasFunction).parse();
}
