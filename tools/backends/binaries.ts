import { which } from './which';

// Installing missing packages is scripts/bootstrap.mjs's job (it runs before
// node_modules exists); here we only find binaries or say how to install them.

export type BinaryName = 'prometheus' | 'promtool' | 'victoria-metrics' | 'chromium';

/** Executable names to look for, in order. */
const CANDIDATES: Record<BinaryName, readonly string[]> = {
  prometheus: ['prometheus'],
  promtool: ['promtool'],
  'victoria-metrics': ['victoria-metrics', 'victoria-metrics-prod'],
  chromium: ['chromium', 'chromium-browser'],
};

/** Debian package providing each binary (prometheus ships promtool too). */
const DEBIAN_PACKAGE: Record<BinaryName, string> = {
  prometheus: 'prometheus',
  promtool: 'prometheus',
  'victoria-metrics': 'victoria-metrics',
  chromium: 'chromium',
};

const isRoot = (): boolean => process.getuid?.() === 0;

/** First candidate name of `name` found on PATH, or null. */
export function findBinary(name: BinaryName, pathEnv?: string): string | null {
  for (const candidate of CANDIDATES[name]) {
    const found = which(candidate, pathEnv);
    if (found) return found;
  }
  return null;
}

/** The exact command a user must run, e.g. "promtool not found on PATH. Install it with: sudo apt-get install prometheus". */
export function missingBinariesMessage(names: readonly BinaryName[]): string {
  const packages = [...new Set(names.map((n) => DEBIAN_PACKAGE[n]))];
  const sudo = isRoot() ? '' : 'sudo ';
  return `${names.join(', ')} not found on PATH. Install ${names.length === 1 ? 'it' : 'them'} with: ${sudo}apt-get install ${packages.join(' ')}`;
}

/** `override` if given, else a PATH lookup; throws the install hint when missing. */
export function resolveBinary(name: BinaryName, override?: string): string {
  const found = override ?? findBinary(name);
  if (!found) throw new Error(missingBinariesMessage([name]));
  return found;
}
