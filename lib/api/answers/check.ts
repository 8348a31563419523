import type { z } from 'zod';
import { quoteValue } from '../../format';

/** An answer checked against its schema: the parsed value, or what is wrong with it in one sentence. */
export type AnswerCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** What the browser says of an answer that is not what the page expects; `path` without its query string. */
export function badAnswerMessage(path: string, problem: string): string {
  return `The server's answer to ${path.split('?')[0]} was not what this page expects: ${problem}`;
}

type Issue = z.core.$ZodIssue;

/** `nodes.3.kind`; a key from the data (a label value of a record) is quoted and clipped unless it is a plain word. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? String(p) : /^[\w-]{1,64}$/.test(String(p)) ? String(p) : quoteValue(String(p), 64))).join('.');
}

/** The first issue, descending into the first branch of a union, with the path it is at. */
function firstIssue(issue: Issue, prefix: readonly PropertyKey[] = []): { path: readonly PropertyKey[]; message: string } {
  const path = [...prefix, ...issue.path];
  const branch = issue.code === 'invalid_union' ? issue.errors[0]?.[0] : undefined;
  return branch ? firstIssue(branch, path) : { path, message: issue.message };
}

/** The first problem of a failed check, with its path ("nodes.3.kind: Invalid option: ..."), and how many more there are. */
export function describeAnswerIssues(issues: readonly Issue[]): string {
  const [first] = issues;
  if (!first) return 'it does not match';
  const { path, message } = firstIssue(first);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more ${issues.length === 2 ? 'problem' : 'problems'})` : '';
  return `${path.length > 0 ? `${pathText(path)}: ` : ''}${message}${more}`;
}

/** Checks an /api/* answer with its schema (lib/api/answers); never throws for any JSON value. */
export function checkAnswer<S extends z.ZodType>(schema: S, path: string, body: unknown): AnswerCheck<z.output<S>> {
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: badAnswerMessage(path, describeAnswerIssues(parsed.error.issues)) };
}
