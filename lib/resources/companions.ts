/** Known dependency sets: hosts that one tool needs together, so registering one alone breaks it. */
import { hostCovers } from './names';
import type { CompanionSuggestion } from './types';

/** Data, easy to extend: one entry per tool, with every host it needs for the common path. */
export const COMPANION_SETS: readonly { name: string; description: string; hosts: string[] }[] = [
  { name: 'PyPI', description: 'pip reads the index on pypi.org and downloads the packages from files.pythonhosted.org', hosts: ['pypi.org', 'files.pythonhosted.org'] },
  { name: 'Debian', description: 'apt on Debian reads the archive and the security updates from two hosts', hosts: ['deb.debian.org', 'security.debian.org'] },
  { name: 'Ubuntu', description: 'apt on Ubuntu reads the archive, the security updates and (on arm64 and others) the ports archive', hosts: ['archive.ubuntu.com', 'security.ubuntu.com', 'ports.ubuntu.com'] },
  {
    name: 'GitHub',
    description: 'git clones, archive downloads, release assets and raw files are served by different GitHub hosts',
    hosts: ['github.com', 'codeload.github.com', 'objects.githubusercontent.com', 'raw.githubusercontent.com'],
  },
  { name: 'GitHub Container Registry', description: 'ghcr.io serves manifests and redirects blob downloads to pkg-containers.githubusercontent.com', hosts: ['ghcr.io', 'pkg-containers.githubusercontent.com'] },
  { name: 'npm', description: 'npm install reads metadata and tarballs from the registry', hosts: ['registry.npmjs.org'] },
  {
    name: 'Docker Hub',
    description: 'image pulls authenticate on auth.docker.io, read manifests on registry-1.docker.io and download layers from the Cloudflare CDN',
    hosts: ['registry-1.docker.io', 'auth.docker.io', 'production.cloudflare.docker.com'],
  },
  { name: 'Go modules', description: 'go get downloads from the module proxy and checks sums against the checksum database', hosts: ['proxy.golang.org', 'sum.golang.org'] },
  { name: 'Maven Central', description: 'Maven and Gradle resolve Central through either of its two host names', hosts: ['repo.maven.apache.org', 'repo1.maven.org'] },
  { name: 'RubyGems', description: 'bundler reads the compact index and downloads gems from two hosts', hosts: ['rubygems.org', 'index.rubygems.org'] },
  { name: 'crates.io', description: 'cargo reads the sparse index and downloads crates from separate hosts', hosts: ['index.crates.io', 'static.crates.io'] },
  { name: 'Google APIs', description: 'Google client libraries obtain tokens from oauth2.googleapis.com before calling the APIs', hosts: ['oauth2.googleapis.com', 'www.googleapis.com'] },
];

/**
 * The known sets that the given hosts belong to, with the set's hosts that
 * none of them covers yet (a selected `*.x.com` covers `a.x.com`). Sets that
 * are already complete are left out.
 */
export function suggestCompanions(hosts: readonly string[]): CompanionSuggestion[] {
  const selected = hosts.map((h) => h.trim().toLowerCase().replace(/\.$/, ''));
  const covered = (h: string): boolean => selected.some((s) => hostCovers(s, h));
  const out: CompanionSuggestion[] = [];
  for (const set of COMPANION_SETS) {
    const present = set.hosts.filter(covered);
    const missing = set.hosts.filter((h) => !covered(h));
    if (present.length === 0 || missing.length === 0) continue;
    out.push({
      set: set.name,
      reason: `${set.description}: ${present.join(', ')} ${present.length === 1 ? 'is' : 'are'} selected, ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not`,
      hosts: present,
      missing,
    });
  }
  return out;
}
