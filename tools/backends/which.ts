import fs from 'node:fs';
import path from 'node:path';

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Find an executable on PATH (like `command -v`) without spawning a shell. */
export function which(bin: string, pathEnv: string | undefined = process.env.PATH): string | null {
  if (bin === '') return null;
  if (bin.includes('/')) return isExecutableFile(bin) ? path.resolve(bin) : null;
  for (const dir of (pathEnv ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, bin);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}
