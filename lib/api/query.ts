import type { z } from 'zod';
import { badParameter } from './errors';
import { queryRecord, show } from './params-schema';

export { show };

/**
 * Query strings as the API reads them: strictly decoded, every parameter at
 * most once unless it is repeatable, and no parameter the route does not know.
 */

/** A query string as a route hands it over: the raw search ("?a=b"), or parameters already decoded. */
export type QueryInput = string | URLSearchParams;

/** A parameter or field name as it is safe to print: as it is when short and printable, else quoted and clipped. */
export function paramName(name: string): string {
  return /^(?=\S)[^\p{Cc}\p{Zl}\p{Zp}"\\]{1,64}(?<=\S)$/u.test(name) ? name : show(name);
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return null;
  }
}

/**
 * Decodes a raw query string as URLSearchParams does (`+` is a space), except
 * that malformed percent-encoding (`%ZZ`, a lone `%`, bytes that are not
 * UTF-8) is a 400 naming the parameter instead of silently becoming U+FFFD.
 */
export function parseQuery(input: QueryInput): URLSearchParams {
  if (typeof input !== 'string') return input;
  const params = new URLSearchParams();
  for (const pair of (input.startsWith('?') ? input.slice(1) : input).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const name = decode(rawName);
    if (name === null) throw badParameter(paramName(rawName), 'the parameter name is not valid percent-encoded UTF-8');
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    if (value === null) throw badParameter(paramName(name), 'the value is not valid percent-encoded UTF-8 (a % must be followed by two hex digits of UTF-8)');
    params.append(name, value);
  }
  return params;
}

/** The one value of a parameter; 400 when it is given more than once. */
export function single(params: URLSearchParams, name: string): string | undefined {
  const all = params.getAll(name);
  if (all.length > 1) throw badParameter(name, 'given more than once');
  return all[0];
}

/** 400 for any parameter not in `allowed`, naming it and the allowed ones. */
export function rejectUnknownParams(params: URLSearchParams, allowed: readonly string[]): void {
  for (const key of new Set(params.keys())) {
    if (!allowed.includes(key)) throw badParameter(paramName(key), `unknown parameter (allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'})`);
  }
}

/**
 * Reads a query string with its schema (params-schema.ts): 400 naming the
 * parameter, for an unknown one first, else for the first bad one.
 */
export function readQuery<S extends z.ZodObject>(params: URLSearchParams, schema: S): z.output<S> {
  rejectUnknownParams(params, Object.keys(schema.shape));
  const parsed = schema.safeParse(queryRecord(params));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw badParameter(paramName(String(issue?.path[0] ?? 'query')), issue?.message ?? 'invalid');
}
