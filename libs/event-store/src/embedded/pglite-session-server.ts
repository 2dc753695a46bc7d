import { createServer, Server, Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I': ReadyForQuery status outside any transaction
const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4);

/**
 * Serves PGlite's one session to many PostgreSQL wire-protocol connections.
 *
 * Why not pglite-socket's PGLiteSocketServer: its multiplexer interleaves single
 * messages of different connections outside explicit transactions, so one client's
 * Parse can land between another's Parse and Bind. `pg` sends every parameterized query
 * as Parse/Bind/Execute/Sync on the unnamed statement, so under concurrency queries fail
 * with "unnamed prepared statement does not exist" or, worse, run with another client's
 * statement. Here a connection owns the session from its first message until PGlite
 * answers ReadyForQuery with status Idle: a whole extended-protocol exchange, and a
 * whole transaction, run without anyone else's messages in between.
 */
export class PGliteSessionServer {
  private readonly connections = new Set<Connection>();
  private readonly waiting: Connection[] = [];
  private owner: Connection | undefined;
  private running: Promise<void> | undefined;
  private server: Server | undefined;

  constructor(
    private readonly db: PGlite,
    private readonly maxConnections: number,
  ) {}

  /** Listens on `host` at a free port, which it returns. */
  listen(host: string): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => {
        const address = server.address();
        if (address === null || typeof address === 'string') {
          reject(new Error(`Unexpected listening address ${String(address)}`));
        } else {
          resolve(address.port);
        }
      });
    });
  }

  /** Disconnects every client and waits until PGlite has finished the message it runs. */
  async stop(): Promise<void> {
    for (const connection of this.connections) connection.socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    await this.running;
  }

  private accept(socket: Socket): void {
    if (this.connections.size >= this.maxConnections) {
      socket.end(errorResponse('53300', 'sorry, too many clients already'));
      return;
    }
    socket.setNoDelay(true);
    const connection = new Connection(socket, () => this.ready(connection));
    this.connections.add(connection);
    socket.on('data', (chunk) => connection.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      connection.closed = true;
      connection.pending.length = 0;
      this.connections.delete(connection);
      const index = this.waiting.indexOf(connection);
      if (index >= 0) this.waiting.splice(index, 1);
      if (this.owner === connection) this.drain();
    });
  }

  private ready(connection: Connection): void {
    if (connection !== this.owner && !this.waiting.includes(connection)) {
      this.waiting.push(connection);
    }
    this.drain();
  }

  private drain(): void {
    this.running ??= this.run()
      .catch((error: unknown) => {
        // PGlite itself failed: no session state can be trusted, so every client is cut off.
        console.error('Embedded PostgreSQL failed:', error);
        for (const connection of this.connections) connection.socket.destroy();
      })
      .finally(() => {
        this.running = undefined;
      });
  }

  private async run(): Promise<void> {
    for (;;) {
      if (this.owner?.closed) await this.abandonSession();
      this.owner ??= this.waiting.shift();
      const owner = this.owner;
      // No owner, or one holding a transaction open that has not sent its next message.
      const message = owner?.pending.shift();
      if (!owner || !message) return;
      let idle: boolean;
      try {
        idle = await this.execute(owner, message);
      } catch {
        owner.socket.destroy();
        owner.closed = true;
        continue;
      }
      if (idle) {
        this.owner = undefined;
        if (owner.pending.length > 0) this.waiting.push(owner);
      }
    }
  }

  /** Runs one message for the owner; true when PGlite is idle again afterwards. */
  private async execute(connection: Connection, message: Uint8Array): Promise<boolean> {
    let tail: Uint8Array = new Uint8Array(0);
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(message, {
        onRawData: (data) => {
          if (!connection.closed) connection.socket.write(Buffer.from(data));
          tail = lastBytes(tail, data, 6);
        },
      }),
    );
    return tail.length === 6 && tail[0] === READY_FOR_QUERY && tail[5] === IDLE;
  }

  /** The owner left mid-exchange or mid-transaction: close both before anyone else runs. */
  private async abandonSession(): Promise<void> {
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(SYNC, { onRawData: () => undefined }),
    );
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = undefined;
  }
}

class Connection {
  readonly pending: Uint8Array[] = [];
  closed = false;
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;

  constructor(
    readonly socket: Socket,
    private readonly onMessages: () => void,
  ) {}

  /** Splits the byte stream into protocol messages; answers what needs no database. */
  receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let received = false;
    for (;;) {
      const message = this.started ? this.nextMessage() : this.nextStartupMessage();
      if (message === undefined) break;
      if (message === 'handled') continue;
      if (message[0] === TERMINATE && this.started) {
        this.socket.end();
        break;
      }
      this.started = true;
      this.pending.push(message);
      received = true;
    }
    if (received) this.onMessages();
  }

  private nextStartupMessage(): Uint8Array | 'handled' | undefined {
    if (this.buffer.length < 8) return undefined;
    const length = this.buffer.readInt32BE(0);
    if (this.buffer.length < length) return undefined;
    const code = this.buffer.readInt32BE(4);
    const message = this.take(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      this.socket.write('N');
      return 'handled';
    }
    if (code === CANCEL_REQUEST) {
      // No backend process to signal: PGlite runs each message to its end.
      this.socket.destroy();
      return undefined;
    }
    return message;
  }

  private nextMessage(): Uint8Array | undefined {
    if (this.buffer.length < 5) return undefined;
    const length = 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return undefined;
    return this.take(length);
  }

  private take(length: number): Uint8Array {
    const message = Uint8Array.prototype.slice.call(this.buffer, 0, length);
    this.buffer = this.buffer.subarray(length);
    return message;
  }
}

function lastBytes(previous: Uint8Array, data: Uint8Array, count: number): Uint8Array {
  // Copies: PGlite may reuse the memory behind `data` for its next output.
  if (data.length >= count) return data.slice(data.length - count);
  const joined = new Uint8Array(previous.length + data.length);
  joined.set(previous);
  joined.set(data, previous.length);
  return joined.slice(Math.max(0, joined.length - count));
}

function errorResponse(code: string, message: string): Buffer {
  const field = (type: string, value: string) => Buffer.from(`${type}${value}\0`, 'utf8');
  const body = Buffer.concat([
    field('S', 'FATAL'),
    field('V', 'FATAL'),
    field('C', code),
    field('M', message),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
