import { Agent, IncomingHttpHeaders, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SendOptions {
  key?: string;
  /** Sent as is: a string is encoded as UTF-8, a Buffer goes out byte for byte. */
  body?: string | Buffer;
  contentType?: string;
  agent?: Agent;
  timeoutMs?: number;
}

/**
 * One HTTP request to 127.0.0.1 with Node's own client, so the tests can send bodies
 * supertest would re-encode (invalid UTF-8, raw bytes) and see socket failures as they are.
 */
export function send(
  port: number,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    const payload =
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? Buffer.from(options.body, 'utf8')
          : options.body;
    if (payload !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/json';
      headers['content-length'] = payload.length;
    }
    if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
    const req = request(
      { host: '127.0.0.1', port, method, path, agent: options.agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () =>
      req.destroy(new Error(`${method} ${path} timed out`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export function postJson(
  port: number,
  path: string,
  body: unknown,
  key: string,
  agent?: Agent,
): Promise<HttpAnswer> {
  return send(port, 'POST', path, { key, body: JSON.stringify(body), agent });
}
