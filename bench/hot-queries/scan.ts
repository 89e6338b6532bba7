import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Which queries on the hot tables would not know their jurisdiction (ADR 0033). Partitioned by
 * jurisdiction, or distributed by it (Citus), a query that names the jurisdiction touches one
 * partition or one shard; one that does not touches all of them. This reads the server's sources
 * (TypeScript's parser, no type checking) and reports each `selectFrom` / `updateTable` /
 * `deleteFrom` on a hot table whose query does not filter on a jurisdiction. A heuristic: a query
 * built in steps (`let q = …; q = q.where(…)`) is judged by its whole enclosing function.
 */

/** Tables that grow with cases and calls, and carry `jurisdiction_id`. */
export const HOT_TABLES = [
  'cases', 'contacts', 'call_records', 'search_documents', 'notifications', 'outbox', 'audit_log', 'supervision_notices',
  'stat_case_cells', 'stat_contact_cells', 'inbound_sms', 'callback_tasks', 'case_scopes',
] as const;
/** Tables that grow as fast but hang off a case or call by its id, with no jurisdiction column yet. */
export const CHILD_TABLES = ['case_events', 'case_deadlines', 'case_co_units', 'case_vulnerabilities', 'call_events', 'case_followers'] as const;

export type Finding = {
  file: string;
  line: number;
  table: string;
  verb: 'selectFrom' | 'updateTable' | 'deleteFrom';
  /** `key`: by a unique id (one row, but every partition's index is asked); `scan`: a set of rows. */
  kind: 'key' | 'scan';
  /** The function it is in, for the report and the allowlist. */
  fn: string;
};

const VERBS = new Set(['selectFrom', 'updateTable', 'deleteFrom']);
const hot = new Set<string>(HOT_TABLES);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'migrations' && name !== 'demo') out.push(...sourceFiles(full));
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** The outermost expression of a method chain that starts at `call`. */
function chainTop(call: ts.Node): ts.Node {
  let node = call;
  while (
    (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) ||
    (ts.isCallExpression(node.parent) && node.parent.expression === node) ||
    ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)
  ) node = node.parent;
  return node;
}

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) && 'body' in n) return n as ts.FunctionLikeDeclaration;
  return undefined;
}

function functionName(fn: ts.FunctionLikeDeclaration | undefined): string {
  if (!fn) return '(top level)';
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
  const outer = enclosingFunction(fn);
  return outer ? `${functionName(outer)} (inner)` : '(anonymous)';
}

/**
 * A filter on a jurisdiction column in the query (`'….jurisdiction_id', '='` or `'in'`), or the case
 * lists' scope (`applyScope`, a CaseScope always names one). Not any mention of the word: a query
 * that only selects `jurisdiction_id` still asks every partition.
 */
const SCOPED = /jurisdiction_id['"`]\s*,\s*['"`](?:=|in)['"`]|applyScope\(/;

/** `where('id', …)`, `where('c.id', …)`: one row by its key. */
const BY_KEY = /\.where\(\s*'(?:\w+\.)?id'\s*,\s*'='/;

/** A finding's name without its line (stable while the code around it moves). */
export const findingKey = (f: Finding): string => `${f.file} ${f.fn} ${f.verb}('${f.table}') ${f.kind}`;

export function scanSources(root: string): { findings: Finding[]; childTableQueries: number; hotQueries: number } {
  const findings: Finding[] = [];
  let childTableQueries = 0;
  let hotQueries = 0;
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    if (!/selectFrom|updateTable|deleteFrom/.test(text)) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && VERBS.has(node.expression.name.text)) {
        const arg = node.arguments[0];
        const table = arg && ts.isStringLiteral(arg) ? (arg.text.split(' ')[0] ?? '') : '';
        if ((CHILD_TABLES as readonly string[]).includes(table)) childTableQueries++;
        if (hot.has(table)) {
          hotQueries++;
          const top = chainTop(node);
          const fn = enclosingFunction(node);
          // Built in steps: the rest of its predicates are elsewhere in the function.
          const stepwise = !ts.isExpressionStatement(top.parent) && !ts.isReturnStatement(top.parent);
          const context = stepwise && fn ? fn.getText(source) : top.getText(source);
          if (!SCOPED.test(context)) {
            findings.push({
              file: path.relative(root, file), line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, table,
              verb: node.expression.name.text as Finding['verb'], kind: BY_KEY.test(top.getText(source)) ? 'key' : 'scan', fn: functionName(fn),
            });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { findings, childTableQueries, hotQueries };
}
