/** Imported first by bench/answer-check.ts: zod as the browser runs it (no compiled parsers: the CSP has no 'unsafe-eval'), or with `--jit` as Node runs it. */
import { z } from 'zod';

export const ZOD_JIT = process.argv.includes('--jit');
z.config({ jitless: !ZOD_JIT });
