/**
 * Short, stable ids for reported hosts: `h_` and 22 base64url characters
 * (132 bits) of the SHA-256 of the host's UTF-8. The same host has the same
 * id on every server and in every request, with no state, so a URL can name
 * a host of any length (a Host header may be tens of kilobytes) in 24
 * characters. SHA-256 is written out here (FIPS 180-4) so that the id is
 * synchronous and the same in Node and the browser.
 */
import type { EgressFlow } from './types';

/** `h_` and 22 base64url characters. */
export const HOST_ID = /^h_[A-Za-z0-9_-]{22}$/;

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
  0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
/** The message schedule, reused: ids are computed one at a time. */
const W = new Int32Array(64);
const H = new Int32Array(8);
const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** SHA-256 of bytes (FIPS 180-4). */
export function sha256(bytes: Uint8Array): Uint8Array {
  const blocks = Math.ceil((bytes.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const bits = bytes.length * 8;
  const end = padded.length;
  for (let i = 0; i < 4; i++) padded[end - 1 - i] = (bits >>> (8 * i)) & 0xff;
  const high = Math.floor(bits / 2 ** 32);
  for (let i = 0; i < 4; i++) padded[end - 5 - i] = (high >>> (8 * i)) & 0xff;

  H.set(INITIAL);
  for (let offset = 0; offset < end; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      W[i] = (padded[j]! << 24) | (padded[j + 1]! << 16) | (padded[j + 2]! << 8) | padded[j + 3]!;
    }
    for (let i = 16; i < 64; i++) {
      const a = W[i - 15]!;
      const b = W[i - 2]!;
      W[i] = (W[i - 16]! + (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) + W[i - 7]! + (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10))) | 0;
    }
    let a = H[0]!;
    let b = H[1]!;
    let c = H[2]!;
    let d = H[3]!;
    let e = H[4]!;
    let f = H[5]!;
    let g = H[6]!;
    let h = H[7]!;
    for (let i = 0; i < 64; i++) {
      const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    H[0] = H[0]! + a;
    H[1] = H[1]! + b;
    H[2] = H[2]! + c;
    H[3] = H[3]! + d;
    H[4] = H[4]! + e;
    H[5] = H[5]! + f;
    H[6] = H[6]! + g;
    H[7] = H[7]! + h;
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = H[i]!;
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = (v >>> 16) & 0xff;
    out[i * 4 + 2] = (v >>> 8) & 0xff;
    out[i * 4 + 3] = v & 0xff;
  }
  return out;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const encoder = new TextEncoder();

/** The id of a reported host (its normalised form, as /api/egress reports it): `h_` + the first 132 bits of its SHA-256, base64url. */
export function hostIdOf(host: string): string {
  const digest = sha256(encoder.encode(host));
  let id = 'h_';
  // 22 characters of 6 bits from the first 17 bytes.
  for (let bit = 0; bit < 132; bit += 6) {
    const byte = bit >>> 3;
    const pair = (digest[byte]! << 8) | (digest[byte + 1] ?? 0);
    id += BASE64URL[(pair >>> (10 - (bit & 7))) & 63];
  }
  return id;
}

/** Whether a text has the shape of a host id. */
export function isHostId(text: string): boolean {
  return HOST_ID.test(text);
}

/** Every reported host by its id (the flows' destination.hostId). */
export function hostsById(report: { readonly flows: readonly EgressFlow[] }): Map<string, string> {
  const hosts = new Map<string, string>();
  for (const f of report.flows) if (f.destination.hostId !== undefined && f.destination.host !== null) hosts.set(f.destination.hostId, f.destination.host);
  return hosts;
}
