/** Registrable domains (eTLD+1), for wildcard offers: hosts under one registrable domain belong to one owner. */
import { isIp } from './net';

/**
 * Multi-label public suffixes (a small built-in part of the Public Suffix
 * List): under these, the registrable domain has one more label. Hosting
 * platforms are included so that two tenants (`a.github.io`, `b.github.io`)
 * are never offered a shared wildcard. Data, easy to extend.
 */
export const MULTI_LABEL_SUFFIXES: readonly string[] = [
  // country second levels
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'net.uk', 'ltd.uk', 'plc.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'co.nz', 'org.nz', 'net.nz',
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'go.jp', 'co.kr', 'or.kr',
  'com.br', 'net.br', 'org.br', 'com.cn', 'net.cn', 'org.cn', 'gov.cn', 'com.hk', 'com.tw', 'com.sg',
  'co.in', 'net.in', 'org.in', 'co.za', 'com.mx', 'com.ar', 'com.tr', 'co.il', 'com.ua',
  // hosting platforms (private section of the Public Suffix List)
  'github.io', 'githubusercontent.com', 'gitlab.io', 'herokuapp.com', 'appspot.com', 'cloudfront.net',
  's3.amazonaws.com', 'elasticbeanstalk.com', 'azurewebsites.net', 'blob.core.windows.net', 'cloudapp.net',
  'web.app', 'firebaseapp.com', 'cloudfunctions.net', 'run.app', 'vercel.app', 'netlify.app', 'pages.dev', 'workers.dev',
  'r2.dev', 'fly.dev', 'onrender.com', 'readthedocs.io',
];

const SUFFIXES = new Set(MULTI_LABEL_SUFFIXES);
const MAX_SUFFIX_LABELS = Math.max(...MULTI_LABEL_SUFFIXES.map((s) => s.split('.').length));
const LABEL = /^[a-z0-9_](?:[-a-z0-9_]*[a-z0-9_])?$/;

/**
 * The registrable domain of a host (eTLD+1): `api.github.com` -> `github.com`,
 * `www.bbc.co.uk` -> `bbc.co.uk`, `*.googleapis.com` -> `googleapis.com`.
 * null for IPs, single labels, public suffixes themselves and invalid names.
 */
export function registrableDomain(host: string): string | null {
  let h = host.trim().toLowerCase().replace(/\.$/, '');
  if (h.startsWith('*.')) h = h.slice(2);
  if (h === '' || isIp(h)) return null;
  const labels = h.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  for (let n = Math.min(MAX_SUFFIX_LABELS, labels.length); n >= 2; n--) {
    if (SUFFIXES.has(labels.slice(-n).join('.'))) return labels.length > n ? labels.slice(-(n + 1)).join('.') : null;
  }
  return labels.slice(-2).join('.');
}
