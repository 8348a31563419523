import { expect } from 'vitest';
import { ApiError } from './errors';

/** Runs `parse` and returns the 400 ApiError it must throw (test helper). */
export function expectBadParameter(parse: () => unknown, what: string): ApiError {
  try {
    parse();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(400);
    return e as ApiError;
  }
  throw new Error(`expected ${what} to be rejected`);
}
