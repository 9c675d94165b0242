// Serves the built widgets from memory, precompressed, with the headers cross-origin module scripts need.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import type { AppEnv } from '../http.ts';

interface Asset {
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  type: string;
  etag: string;
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // custom-elements.json, the elements' manifest for editors
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(dir)) return assets;
  for (const file of walk(dir)) {
    const extension = /\.[a-z]+$/.exec(file)?.[0] ?? '';
    const type = TYPES[extension];
    if (type === undefined) continue;
    const body = readFileSync(file);
    const name = relative(dir, file).split('\\').join('/');
    assets.set(name, {
      body,
      gzip: gzipSync(body, { level: 9 }),
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      // Chunks carry a content hash in their names; the entry scripts keep stable names.
      immutable: name.startsWith('chunks/'),
    });
  }
  return assets;
}

export function widgetAssets(dir: string) {
  const assets = loadAssets(dir);
  return new Hono<AppEnv>().get('/*', (c) => {
    const name = c.req.path.replace(/^\/widgets\//, '');
    const asset = assets.get(name);
    if (asset === undefined) {
      return c.text(
        assets.size === 0
          ? 'Widgets belum dibangun: jalankan npm run build / Widgets are not built: run npm run build'
          : 'Not found',
        404,
      );
    }
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Vary', 'Accept-Encoding');
    c.header('ETag', asset.etag);
    c.header('Cache-Control', asset.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    c.header('Content-Type', asset.type);
    const accept = c.req.header('accept-encoding') ?? '';
    if (/\bbr\b/.test(accept)) {
      c.header('Content-Encoding', 'br');
      return c.body(new Uint8Array(asset.brotli));
    }
    if (/\bgzip\b/.test(accept)) {
      c.header('Content-Encoding', 'gzip');
      return c.body(new Uint8Array(asset.gzip));
    }
    return c.body(new Uint8Array(asset.body));
  });
}
