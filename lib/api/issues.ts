import type { z } from 'zod';
import { ApiError } from './errors';
import { paramName } from './query';

/** How a body's problems are worded: what the whole body is called, and what an unknown key is. */
export interface IssueWording {
  /** The name of the body itself, for problems with no field ("body", "options"). */
  readonly root: string;
  /** Said of a key the schema does not know ("unknown field"). */
  readonly unknownKey: string;
}

/** Most problems listed in one message; a body with more gets "and N more". */
export const MAX_LISTED_ISSUES = 20;

/** One message per zod issue, each starting with the field it is about ("spike.factor: ..."); hostile keys are quoted and clipped. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], wording: IssueWording): string[] {
  const name = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'number' ? String(p) : paramName(String(p)))).join('.') || wording.root;
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `${name([...issue.path, k])}: ${wording.unknownKey}`);
    if (issue.code === 'invalid_key') return [`${name(issue.path)}: ${issue.issues.map((i) => i.message).join(', ')}`];
    return [`${name(issue.path)}: ${issue.message}`];
  });
}

/** Problems as one message: the first MAX_LISTED_ISSUES, joined with "; ". */
export function joinIssues(problems: readonly string[]): string {
  const listed = problems.slice(0, MAX_LISTED_ISSUES).join('; ');
  return problems.length > MAX_LISTED_ISSUES ? `${listed}; and ${problems.length - MAX_LISTED_ISSUES} more` : listed;
}

/** How a request body's problems are worded. */
export const BODY_WORDING: IssueWording = { root: 'body', unknownKey: 'unknown field' };

/** A 400 about the body, naming each bad field. */
export function badBody(problems: readonly string[]): ApiError {
  return new ApiError(400, 'bad-body', joinIssues(problems));
}
