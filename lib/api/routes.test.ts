import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from './routes';

const APP_API = path.resolve(__dirname, '../../app/api');

/** Every app/api/.../route.ts: its URL path and the methods it defines itself (export function NAME). */
function routeFiles(): Map<string, string[]> {
  const routes = new Map<string, string[]>();
  for (const entry of fs.readdirSync(APP_API, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== 'route.ts') continue;
    const dir = path.relative(APP_API, entry.parentPath).split(path.sep).join('/');
    const source = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    routes.set(`/api/${dir}`, [...source.matchAll(/export (?:async )?function (GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\b/g)].map((m) => m[1]!));
  }
  return routes;
}

describe('API_ROUTES', () => {
  it('lists every route under app/api, with the one method its file serves (the method guard 404s any other path)', () => {
    const files = routeFiles();
    expect(Object.fromEntries([...files].map(([p, methods]) => [p, methods.join(',')]))).toEqual(API_ROUTES);
  });
});
