/**
 * A faster walk of adaptivecards-templating's own prepared template. The library evaluates
 * every `${…}` through adaptive-expressions' general machinery; that was about a tenth of a
 * flow-1 submit's CPU. Our cards use a handful of expression shapes (a path, `p != ''`,
 * `p == ''`, `!p`, `count(p) > 0`, `count(p) == 0`, text around paths): those are evaluated
 * here, on exactly the values where the result is unambiguous (the path exists, with the
 * expected type). Anything else goes to the library's evaluator, so the result is the
 * library's. The walk mirrors `Template.internalExpand` ($data, $when, $index, dropping).
 * The test suite expands every card both ways and compares (CARD_EXPANDER_CHECK=1).
 */
import type * as ACData from 'adaptivecards-templating';
import { templating } from './templating';

/** An adaptive-expressions Expression, as far as this file needs it. */
interface Expr {
  type: string;
  children: Expr[];
  value?: unknown;
  tryEvaluate(memory: unknown, options?: unknown): { value: unknown; error?: string };
  toString(): string;
}

interface Scope {
  root: unknown;
  data: unknown;
  index: number | undefined;
}

const FALLBACK = Symbol('fallback');
type Evaluator = (s: Scope) => unknown;

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const PATH = String.raw`(?:(\$root|\$data)\.)?([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)`;
const PATH_ONLY = new RegExp(`^${PATH}$`);
const EMPTY_TEST = new RegExp(`^\\(${PATH} (!=|==) ''\\)$`);
const NOT = new RegExp(`^!\\(${PATH}\\)$`);
const COUNT_TEST = new RegExp(`^\\(count\\(${PATH}\\) (>|==) 0\\)$`);

const isExpr = (v: unknown): v is Expr =>
  typeof v === 'object' && v !== null && typeof (v as Expr).tryEvaluate === 'function';

/** The library's evaluation, with the library's context shape (and its undefined substitution). */
function library(
  expr: Expr,
  s: Scope,
  allowSubstitutions: boolean,
): { value: unknown; error?: string } {
  const context = {
    $root: s.root,
    $data: s.data === undefined ? s.root : s.data,
    $index: s.index,
    $host: undefined,
  };
  return (
    templating().Template as unknown as {
      internalTryEvaluateExpression(
        e: Expr,
        c: unknown,
        a: boolean,
      ): { value: unknown; error?: string };
    }
  ).internalTryEvaluateExpression(expr, context, allowSubstitutions);
}

/**
 * Reads a path from the scope; FALLBACK unless every step is an own property and the value is
 * defined.
 */
function pathOf(head: string | undefined, rest: string): Evaluator {
  const parts = rest.split('.');
  return (s) => {
    let v: unknown = head === '$root' ? s.root : s.data === undefined ? s.root : s.data;
    for (const p of parts) {
      if (
        typeof v !== 'object' ||
        v === null ||
        Array.isArray(v) ||
        !Object.prototype.hasOwnProperty.call(v, p)
      )
        return FALLBACK;
      v = (v as Record<string, unknown>)[p];
    }
    return v === undefined ? FALLBACK : v;
  };
}

function compile(expr: Expr): Evaluator | undefined {
  const text = expr.toString();
  let m = PATH_ONLY.exec(text);
  if (m && expr.type === 'Accessor') return pathOf(m[1], m[2]);
  if ((m = EMPTY_TEST.exec(text))) {
    const get = pathOf(m[1], m[2]);
    const equal = m[3] === '==';
    return (s) => {
      const v = get(s);
      return typeof v === 'string' ? (v === '') === equal : FALLBACK;
    };
  }
  if ((m = NOT.exec(text))) {
    const get = pathOf(m[1], m[2]);
    return (s) => {
      const v = get(s);
      return typeof v === 'boolean' ? !v : FALLBACK;
    };
  }
  if ((m = COUNT_TEST.exec(text))) {
    const get = pathOf(m[1], m[2]);
    const positive = m[3] === '>';
    return (s) => {
      const v = get(s);
      return Array.isArray(v) ? (positive ? v.length > 0 : v.length === 0) : FALLBACK;
    };
  }
  if (expr.type === 'concat') {
    const parts = expr.children.map((c): Evaluator | undefined =>
      c.type === 'Constant' && typeof c.value === 'string'
        ? () => c.value
        : isExpr(c) && c.type === 'Accessor'
          ? compile(c)
          : undefined,
    );
    if (parts.some((p) => !p)) return undefined;
    return (s) => {
      let out = '';
      for (const p of parts as Evaluator[]) {
        const v = p(s);
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
          out += String(v);
        else return FALLBACK;
      }
      return out;
    };
  }
  return undefined;
}

const compiled = new WeakMap<Expr, Evaluator | null>();

function evaluate(
  expr: Expr,
  s: Scope,
  allowSubstitutions: boolean,
): { value: unknown; error?: string } {
  let fast = compiled.get(expr);
  if (fast === undefined) compiled.set(expr, (fast = compile(expr) ?? null));
  if (fast) {
    const value = fast(s);
    if (value !== FALLBACK) return { value };
  }
  return library(expr, s, allowSubstitutions);
}

function walk(node: unknown, s: Scope): unknown {
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (const item of node) {
      const v = walk(item, s);
      if (v === null) continue;
      if (Array.isArray(v)) out.push(...v);
      else out.push(v);
    }
    return out;
  }
  if (isExpr(node)) {
    const r = evaluate(node, s, true);
    if (r.error) throw new Error(r.error);
    return r.value;
  }
  if (typeof node !== 'object' || node === null) return node;
  const obj = node as Record<string, unknown>;
  const when = obj.$when;
  let dataContext = obj.$data;
  let contexts: unknown[] = [undefined];
  let repeated = false;
  if (dataContext !== undefined) {
    if (isExpr(dataContext)) {
      const r = evaluate(dataContext, s, true);
      if (r.error) throw new Error(r.error);
      dataContext = r.value;
    }
    repeated = Array.isArray(dataContext);
    contexts = repeated ? (dataContext as unknown[]) : [dataContext];
  }
  const result: Record<string, unknown>[] = [];
  let scope: Scope = s;
  for (let i = 0; i < contexts.length; i++) {
    scope = {
      root: s.root,
      data: contexts[i] !== undefined ? contexts[i] : scope.data,
      index: repeated ? i : scope.index,
    };
    let drop = false;
    if (isExpr(when)) {
      const r = evaluate(when, scope, false);
      drop = !(!r.error && r.value === true);
    } else if (when) {
      drop = true;
    }
    if (drop) continue;
    const out: Record<string, unknown> = {};
    // Keys are the template's own (Object.entries), never a user's.
    for (const [field, value] of Object.entries(obj)) {
      if (RESERVED.has(field)) continue;
      const v = walk(value, scope);
      if (v !== undefined) out[field] = v;
    }
    result.push(out);
  }
  return result.length === 0 ? null : result.length === 1 ? result[0] : result;
}

/** Expands a library template with `data` as $root, as `template.expand({ $root: data })` would. */
export function expandTemplate(template: ACData.Template, data: object): unknown {
  const prepared = (template as unknown as { _preparedPayload: unknown })._preparedPayload;
  return walk(prepared, { root: data, data: undefined, index: undefined });
}
