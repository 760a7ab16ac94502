import { all, create, type MathJsInstance, type MathNode } from 'mathjs';
import { z } from 'zod';
import { clampScore, defineCriterion, notApplicable, type Pair } from './criterion.js';
import { packVerdict, QUICK_NOT_APPLICABLE, withQuick } from './fast.js';
import { reasonMaker, type DeclaredReason, type ReasonDeclarations } from './reasons.js';

/** Reason codes of {@link expressionCriterion}. */
export const EXPRESSION_REASONS = {
  value: 'expression.value',
  missing: 'expression.missing_input',
} as const;

/**
 * What each reason code of {@link expressionCriterion} means, its severities and its data (its
 * `meta.reasons`); {@link ExpressionReason} is derived from it.
 *
 * @example
 * EXPRESSION_REASON_DECLARATIONS['expression.value'].data.value; // => 'number'
 */
export const EXPRESSION_REASON_DECLARATIONS = {
  [EXPRESSION_REASONS.value]: { severity: 'info', description: "the formula's value for the pair", data: { formula: 'string', value: 'number' } },
  [EXPRESSION_REASONS.missing]: {
    severity: 'info',
    description: 'a criterion the formula reads does not apply to the pair, so neither does the expression',
    data: { criterion: 'string' },
  },
} as const satisfies ReasonDeclarations;

/**
 * A reason of {@link expressionCriterion}, its data typed by its code.
 *
 * @example
 * if (r.code === 'expression.value') r.data.value; // => 0.82
 */
export type ExpressionReason = DeclaredReason<typeof EXPRESSION_REASON_DECLARATIONS>;

const expressionReason = reasonMaker(EXPRESSION_REASON_DECLARATIONS);

/** Functions a formula may call: arithmetic that cannot reach outside the formula. */
const ALLOWED_FUNCTIONS = new Set(['min', 'max', 'abs', 'sqrt', 'pow', 'exp', 'log', 'round', 'floor', 'ceil', 'mean']);

interface Locked {
  readonly parse: (text: string) => MathNode;
}

let locked: Locked | undefined;

/**
 * A private mathjs instance locked down as mathjs's security guidance says: the functions that
 * reach the parser or change the instance are replaced by ones that throw. `parse` is kept
 * (taken before the lock) for our own use; formulas are also whitelisted node by node.
 */
function lockedMath(): Locked {
  if (locked) return locked;
  if (all === undefined) throw new Error('mathjs: the "all" factory set is missing');
  const math: MathJsInstance = create(all, {});
  const parse = math.parse.bind(math) as (text: string) => MathNode;
  const refuse = (name: string) => () => {
    throw new Error(`function "${name}" is disabled in formulas`);
  };
  math.import(
    Object.fromEntries(
      ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'reviver', 'compile', 'chain'].map((n) => [n, refuse(n)]),
    ),
    { override: true },
  );
  locked = { parse };
  return locked;
}

/** What {@link checkFormula} learns of a formula: the criteria it reads, or why it is refused. */
export type FormulaCheck =
  | { readonly ok: true; readonly variables: readonly string[]; readonly node: MathNode }
  | { readonly ok: false; readonly problem: string };

/**
 * Parses a formula and walks every node: only numbers, names, arithmetic and comparison
 * operators, the conditional `a ? b : c`, parentheses and calls of a few math functions
 * (min, max, abs, sqrt, pow, exp, log, round, floor, ceil, mean) pass. Assignments, function
 * definitions, property access, matrices, strings and every other function are refused.
 *
 * @example
 * checkFormula('0.6*itemFit + 0.4*min(certification, capacity)'); // => { ok: true, variables: ['itemFit', 'certification', 'capacity'], ... }
 * checkFormula('evaluate("1")').ok; // => false
 */
export function checkFormula(formula: string): FormulaCheck {
  if (formula.length > 1000) return { ok: false, problem: 'a formula is at most 1000 characters' };
  let node: MathNode;
  try {
    node = lockedMath().parse(formula);
  } catch (e) {
    return { ok: false, problem: `cannot read the formula: ${(e as Error).message}` };
  }
  const variables: string[] = [];
  let problem: string | undefined;
  node.traverse((n: MathNode, _path: string, parent: MathNode | null) => {
    if (problem) return;
    switch (n.type) {
      case 'ConstantNode':
        if (typeof (n as unknown as { value: unknown }).value !== 'number') problem = 'only numbers may appear as constants';
        return;
      case 'ParenthesisNode':
      case 'ConditionalNode':
        return;
      case 'OperatorNode': {
        const fn = (n as unknown as { fn: string }).fn;
        if (!['add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'unaryPlus', 'pow', 'larger', 'smaller', 'largerEq', 'smallerEq', 'equal', 'unequal', 'and', 'or', 'not'].includes(fn))
          problem = `operator "${(n as unknown as { op: string }).op}" is not allowed`;
        return;
      }
      case 'FunctionNode': {
        const name = (n as unknown as { fn: { name?: string } }).fn.name;
        if (name === undefined || !ALLOWED_FUNCTIONS.has(name)) problem = `function "${name ?? '?'}" is not allowed`;
        return;
      }
      case 'SymbolNode': {
        const name = (n as unknown as { name: string }).name;
        // A function's own name is a SymbolNode under its FunctionNode: already checked there.
        if (parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === n) return;
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) problem = `name "${name}" is not allowed`;
        else if (!variables.includes(name)) variables.push(name);
        return;
      }
      default:
        problem = `${n.type} is not allowed in a formula`;
    }
  });
  if (problem) return { ok: false, problem };
  return { ok: true, variables, node };
}

const ExpressionOptions = z.object({
  /** A mathjs formula over the scores (0..1) of criteria listed before this one, e.g. `0.6*itemFit + 0.4*min(certification, capacity)`. */
  formula: z.string().superRefine((formula, ctx) => {
    const check = checkFormula(formula);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.problem, params: { code: 'unsafe_formula' } });
  }),
});

/**
 * The expression criterion: an analyst's formula over other criteria's scores, compiled once
 * in a locked-down mathjs parser. It reads only criteria listed before it in the matcher; a
 * formula naming another, or reaching for anything but arithmetic, is refused when the matcher
 * is created. Its value is clamped to [0, 1]. When a criterion it reads does not apply to a
 * pair, neither does the expression.
 *
 * @example
 * createMatcher({ criteria: [...defaultCriteria(), { criterion: expressionCriterion, options: { formula: '0.6*itemFit + 0.4*min(certification, capacity)' }, weight: 2 }] });
 */
export const expressionCriterion = defineCriterion({
  meta: {
    id: 'expression',
    description: "an analyst's formula over other criteria's scores",
    kind: 'score',
    weight: 1,
    options: ExpressionOptions,
    defaults: { formula: '1' },
    reasons: EXPRESSION_REASON_DECLARATIONS,
    validate(options, matcher) {
      const check = checkFormula(options.formula);
      if (!check.ok) return [check.problem];
      return check.variables
        .filter((v) => !matcher.previousCriteria.includes(v))
        .map((v) => `the formula reads "${v}", which is not a criterion listed before it (${matcher.previousCriteria.join(', ') || 'none'})`);
    },
  },
  create(options) {
    const check = checkFormula(options.formula);
    if (!check.ok) throw new Error(check.problem);
    const compiled = check.node.compile();
    const variables = check.variables;
    /**
     * The formula on the pair's scores (clamped into [0, 1]), or the first variable that has no
     * score for it (that criterion does not apply): the one evaluation both paths read.
     */
    const evaluate = (pair: Pair): number | { readonly missing: string } => {
      const scope = new Map<string, number>();
      for (const v of variables) {
        const s = pair.scores[v];
        if (s === undefined) return { missing: v };
        scope.set(v, s);
      }
      const raw: unknown = compiled.evaluate(scope);
      return clampScore(typeof raw === 'number' ? raw : typeof raw === 'boolean' ? Number(raw) : Number.NaN);
    };
    // The formula reads other criteria's scores of the same pair (`pair.scores`), not facts of the
    // line or the offering: no rule can state it, and it has no batch path (see FastJudge).
    return withQuick(
      (pair) => {
        const score = evaluate(pair);
        if (typeof score !== 'number')
          return notApplicable(expressionReason(EXPRESSION_REASONS.missing, `"${score.missing}" does not apply to this pair`, { criterion: score.missing }));
        return {
          applicable: true,
          pass: true,
          score,
          reasons: [expressionReason(EXPRESSION_REASONS.value, `${options.formula} = ${score.toFixed(3)}`, { formula: options.formula, value: score })],
        };
      },
      (pair) => {
        const score = evaluate(pair);
        return typeof score === 'number' ? packVerdict(true, true, score) : QUICK_NOT_APPLICABLE;
      },
    );
  },
});
