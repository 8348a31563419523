import { z } from 'zod';
import { parseAndValidateYamlInSlices, YamlRefusedError } from '../../resources';
import { answer, type ApiAnswer } from '../answer';
import { MAX_VALIDATE_YAML_CHARS } from '../body';
import { ApiError } from '../errors';
import { badBody, BODY_WORDING, describeIssues } from '../issues';
import { createLimiter } from '../limiter';

export { MAX_VALIDATE_YAML_CHARS };

const validateBodySchema = z.strictObject(
  { yaml: z.string({ error: (i) => (i.input === undefined ? 'required: the text to validate' : 'must be a string (the YAML text)') }).max(MAX_VALIDATE_YAML_CHARS, 'longer than 512 KiB; split it into smaller bundles') },
  { error: (i) => (i.code === 'invalid_type' ? 'must be a JSON object {"yaml": "<text up to 512 KiB>"}' : undefined) },
);

/** What POST /api/serviceentries/validate answers. */
export type ValidateAnswer = Awaited<ReturnType<typeof parseAndValidateYamlInSlices>>;

/** YAML texts read at a time (each holds up to ~50 MB while it is read), and how many may wait for their turn. */
export const YAML_READERS = { slots: 1, maxWaiting: 32 } as const;
const yamlReaders = createLimiter(YAML_READERS.slots, YAML_READERS.maxWaiting);

/**
 * Re-validates edited YAML, giving the event loop a turn while it reads, one
 * text at a time (503 busy when too many wait). YAML over a limit (nodes,
 * aliases, keys, depth, documents) or with a circular alias is a 400 naming
 * what is wrong.
 */
export async function validateYamlBody(raw: unknown): Promise<ValidateAnswer> {
  const parsed = validateBodySchema.safeParse(raw);
  if (!parsed.success) throw badBody(describeIssues(parsed.error.issues, BODY_WORDING));
  const busy = () => new ApiError(503, 'busy', `yaml: ${YAML_READERS.maxWaiting} texts are already waiting to be validated; retry in a few seconds`);
  try {
    return await yamlReaders.run(() => parseAndValidateYamlInSlices(parsed.data.yaml), busy);
  } catch (err) {
    if (err instanceof YamlRefusedError) throw badBody([`yaml: ${err.message}`]);
    throw err;
  }
}

/** POST /api/serviceentries/validate */
export function handleValidateYaml(body: unknown): Promise<ApiAnswer<ValidateAnswer>> {
  return answer('POST /api/serviceentries/validate', () => validateYamlBody(body));
}
