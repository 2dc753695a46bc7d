import { Client, ClientConfig } from 'pg';

const RECONNECT_DELAY_MS = 1_000;

/**
 * LISTEN on a dedicated connection (never a pooled one: it stays open for as long as the
 * store has subscribers). Notifications only shorten a subscription's sleep; when the
 * connection is lost the subscriptions keep polling until it is back, so no event is
 * missed in between.
 */
export class PostgresNotificationListener {
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onNotification: () => void,
  ) {}

  start(): void {
    if (this.stopped || this.client || this.connecting || this.reconnectTimer) return;
    this.connecting = this.connect().finally(() => {
      this.connecting = undefined;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    client.on('error', () => this.lose(client));
    client.on('end', () => this.lose(client));
    client.on('notification', () => this.onNotification());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      this.lose(client);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Appends made while nobody was listening were announced to no one.
    this.onNotification();
  }

  private lose(client: Client): void {
    if (this.client === client) this.client = undefined;
    client.end().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.start();
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
