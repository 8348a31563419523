import { describe, expect, it } from 'vitest';
import { egressGraphSchema, healthBodySchema } from '@/lib/api/answers';
import { BAD_ANSWER } from '@/lib/api/failure-text';
import { ApiRequestError, isRefusal, readAnswer } from './queries';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function failure(res: Response, path = '/api/graph?end=1'): Promise<ApiRequestError> {
  const err: unknown = await readAnswer(res, path, egressGraphSchema).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiRequestError);
  return err as ApiRequestError;
}

describe('readAnswer: the browser checks every /api/* answer', () => {
  it('returns an answer that matches its schema', async () => {
    const health = { prometheus: { reachable: true, version: '3.0.0', latencyMs: 4 }, istio: null };
    await expect(readAnswer(json(health), '/api/health', healthBodySchema)).resolves.toEqual(health);
  });

  it('an answer that is not what the page expects is a bad-answer error naming the route and the problem, retried (not a refusal)', async () => {
    const err = await failure(json({ end: '2026-01-01T00:00:00.000Z', window: '5m', nodes: 'none' }));
    expect(err.code).toBe(BAD_ANSWER);
    expect(err.status).toBe(200);
    expect(err.message).toMatch(/^The server's answer to \/api\/graph was not what this page expects: nodes: Invalid input: expected array, received string/);
    expect(err.hint).toMatch(/reload the page/);
    expect(isRefusal(err)).toBe(false);
  });

  it("a proxy's HTML page with 200 is a bad answer that says so", async () => {
    const err = await failure(new Response('<html>Sign in</html>', { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } }), '/api/hosts');
    expect(err.code).toBe(BAD_ANSWER);
    expect(err.message).toBe("The server's answer to /api/hosts was not what this page expects: not JSON (text/html; charset=utf-8)");
  });

  it('an error answer keeps its code, message and hint; a refusal stays a refusal', async () => {
    const err = await failure(json({ error: { code: 'bad-parameter', message: 'window: too long' } }, 400));
    expect([err.status, err.code, err.message]).toEqual([400, 'bad-parameter', 'window: too long']);
    expect(isRefusal(err)).toBe(true);
    const down = await failure(json({ error: { code: 'prometheus-unreachable', message: 'ECONNREFUSED', hint: 'Check it.' } }, 502));
    expect([down.code, down.hint]).toEqual(['prometheus-unreachable', 'Check it.']);
  });

  it("the sign-in proxy's 401 says what it says; an error page that is no error answer leaves the status", async () => {
    const signIn = await failure(json({ error: 'Sign-in required: this Egress Lens expects its authenticating proxy to pass the user in X-User.', kind: 'unauthenticated' }, 401), '/api/hosts');
    expect([signIn.code, signIn.message]).toEqual(['unauthenticated', 'Sign-in required: this Egress Lens expects its authenticating proxy to pass the user in X-User.']);
    const gateway = await failure(new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    expect([gateway.code, gateway.message]).toEqual(['http', 'HTTP 502']);
  });

  it('a bad answer is never a refusal, whatever its status: asking again may get the expected answer (a deploy under way)', () => {
    expect(isRefusal(new ApiRequestError(409, BAD_ANSWER, 'x'))).toBe(false);
    expect(isRefusal(new ApiRequestError(409, 'bad-body', 'x'))).toBe(true);
  });
});
