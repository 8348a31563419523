/** The download name of a bundle: it names the hosts it covers, in characters every file system and shell takes. */

/** Longest file name (well under the 255 bytes file systems allow, and short enough to read in a browser's download bar). */
export const MAX_FILE_NAME = 100;
const MAX_HOST_PART = 60;

/** A host as a file name part: lower-case letters, digits, `.` and `-` only; `*.` becomes `wildcard.`. */
function safePart(host: string, max: number): string {
  const part = host
    .toLowerCase()
    .replace(/^\*\./, 'wildcard.')
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .slice(0, max)
    .replace(/^[.-]+|[.-]+$/g, '');
  return part === '' ? 'host' : part;
}

/**
 * `serviceentry-<host>.yaml` for one host, `serviceentries-<n>-hosts-<first>-and-<n-1>-more.yaml`
 * for several (e.g. `serviceentries-3-hosts-api.github.com-and-2-more.yaml`), `serviceentries.yaml`
 * for none: safe characters only, at most MAX_FILE_NAME long, the count always in the name.
 */
export function bundleFileName(hosts: readonly string[]): string {
  const distinct = [...new Set(hosts)];
  const [first] = distinct;
  if (first === undefined) return 'serviceentries.yaml';
  if (distinct.length === 1) return `serviceentry-${safePart(first, Math.min(MAX_HOST_PART, MAX_FILE_NAME - 'serviceentry-.yaml'.length))}.yaml`;
  const prefix = `serviceentries-${distinct.length}-hosts-`;
  const suffix = `-and-${distinct.length - 1}-more.yaml`;
  return `${prefix}${safePart(first, Math.min(MAX_HOST_PART, MAX_FILE_NAME - prefix.length - suffix.length))}${suffix}`;
}
