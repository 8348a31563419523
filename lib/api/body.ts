import { ApiError } from './errors';
import { parseQuery, rejectUnknownParams, show } from './query';

/** Largest request body read (bytes); a larger one is answered 413 without being read to the end. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Longest YAML POST /api/serviceentries/validate takes (characters). */
export const MAX_VALIDATE_YAML_CHARS = 512 * 1024;

const MEDIA_TYPE = /^\s*([^\s;]+)\s*(?:;(.*))?$/;

/** 415 unless the body is declared as JSON (`application/json`, charset UTF-8 if any). */
export function checkJsonContentType(header: string | null): void {
  const unsupported = (why: string) => new ApiError(415, 'unsupported-media-type', `Content-Type: ${why}; send the body as application/json`);
  if (header === null || header.trim() === '') throw unsupported('missing');
  const m = MEDIA_TYPE.exec(header);
  if (!m || m[1]?.toLowerCase() !== 'application/json') throw unsupported(`${show(header)} is not JSON`);
  for (const param of (m[2] ?? '').split(';')) {
    const [key, value] = param.split('=').map((s) => s.trim().toLowerCase());
    if (key === 'charset' && value?.replace(/^"|"$/g, '') !== 'utf-8') throw unsupported(`${show(header)}: JSON is UTF-8`);
  }
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'too-large', `the body is larger than ${limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MiB` : `${limit} bytes`} (${limit} bytes); send less`);
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/**
 * Reads the JSON body of a POST: 415 unless it is declared as JSON, 413 past
 * `limit` bytes (checked against Content-Length first, then while reading),
 * 400 when it is empty, not UTF-8 or not JSON. A POST route takes no query
 * parameters, so any is a 400 too.
 */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  rejectUnknownParams(parseQuery(new URL(request.url).search), []);
  checkJsonContentType(request.headers.get('content-type'));
  const bytes = await readLimited(request, limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, 'bad-body', 'the body is not UTF-8 text');
  }
  if (text.trim() === '') throw new ApiError(400, 'bad-body', 'the body is empty; send a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'bad-body', 'the body is not valid JSON');
  }
}
