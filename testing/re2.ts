/**
 * Test helper: evaluates an RE2 label regex in JavaScript the way Prometheus
 * does, anchored on both ends (`^(?s:re)$`), matching by code point. RE2's
 * `(?i:...)` groups, which Node's RegExp does not have, are expanded into
 * classes: within them lib/egress/host.ts only writes escaped ASCII other
 * than k and s, whose RE2 case folding is exactly the ASCII letter pair.
 */
export function re2Regex(pattern: string): RegExp {
  let js = '';
  for (let i = 0; i < pattern.length; ) {
    if (pattern.startsWith('(?i:', i)) {
      i += 4;
      while (pattern[i] !== ')') {
        const c = pattern[i]!;
        if (c === '\\') {
          js += pattern.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (c === 'k' || c === 's' || c === 'K' || c === 'S' || c.charCodeAt(0) >= 0x80 || c === '(') throw new Error(`unexpected ${JSON.stringify(c)} in a (?i:) group of ${pattern}`);
        js += /[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
        i++;
      }
      i++;
      continue;
    }
    if (pattern.startsWith('(?i', i)) throw new Error(`unsupported flag group in ${pattern}`);
    const step = pattern[i] === '\\' ? 2 : 1;
    js += pattern.slice(i, i + step);
    i += step;
  }
  return new RegExp(`^(?:${js})$`, 'su');
}

/** Whether Prometheus's `label=~"pattern"` selects `value`. */
export function re2Matches(pattern: string, value: string): boolean {
  return re2Regex(pattern).test(value);
}
