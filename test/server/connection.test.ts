// The HTTP connection itself, on a real listening server: a refused oversized body must not spoil the socket a
// keep-alive client reuses for its next request.
import { request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { buildApp, prepareDatabase } from '../helpers/app.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    // The client may still be writing an oversized body when the server has answered and closed: that is fine.
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('connections on a listening server', () => {
  let handle: DatabaseHandle;
  let server: ServerType;
  let port = 0;

  beforeAll(async () => {
    handle = await openDatabase({ url: null, sqliteFile: ':memory:' });
    await prepareDatabase(handle);
    const app = buildApp(handle);
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await handle?.close();
  });

  it.each([
    ['with a Content-Length', false],
    ['chunked', true],
  ])(
    'answers an oversized body (%s) with 413 and Connection: close, and the keep-alive client goes on',
    async (_name, chunked) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const big = JSON.stringify({ answers: [], padding: 'x'.repeat(200 * 1024) });
        const headers: Record<string, string> = {
          'Content-Type': 'application/json',
          'Idempotency-Key': 'key-0123456789',
          'X-Device-Id': 'device-0123456789',
        };
        if (chunked) headers['Transfer-Encoding'] = 'chunked';
        else headers['Content-Length'] = String(Buffer.byteLength(big));
        const refused = await send(agent, port, 'POST', '/api/v1/feedback', big, headers);
        expect(refused.status).toBe(413);
        expect(refused.headers.connection).toBe('close');
        expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'body_too_large' } });

        // The same agent, one socket at most: the next requests must be answered, not dropped.
        for (let i = 0; i < 3; i++) {
          const next = await send(agent, port, 'GET', '/api/v1/health');
          expect(next.status).toBe(200);
          expect(JSON.parse(next.body)).toMatchObject({ status: 'ok' });
        }
        const small = await send(agent, port, 'POST', '/api/v1/feedback', '{}', {
          'Content-Type': 'application/json',
          'Idempotency-Key': 'key-abcdefghij',
          'X-Device-Id': 'device-0123456789',
        });
        expect(small.status).toBe(422);
      } finally {
        agent.destroy();
      }
    },
  );
});
