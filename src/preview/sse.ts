import type { ServerResponse } from "node:http";

/** Comment lines keep idle connections open through proxies and let the page notice a dead server. */
const HEARTBEAT_MS = 15_000;

/**
 * Most event-stream clients at once: far more than the tabs one person opens, few enough that a
 * page (or a script) opening streams in a loop cannot exhaust the process's sockets and memory.
 * A new client past it ends the oldest, which is most likely a tab left open and forgotten.
 */
export const MAX_CLIENTS = 100;

/**
 * Most bytes an event-stream client may leave unread (sent to it but not yet taken by its
 * socket). A page reads every event at once; a client that stops reading would otherwise keep a
 * copy of every event in memory for ever. Past it the client is dropped (a page that was only
 * slow reconnects and gets the current state). Eight times the largest map `journey preview`
 * sends (a journey of 2,000 steps, about 1 MB), so that with `MAX_CLIENTS` the buffers stay
 * under about 800 MB in the worst case.
 */
export const MAX_UNREAD_BYTES = 8 * 1024 * 1024;

/** Server-Sent Events to every open preview page: one named event, data as JSON. */
export class EventStream {
  /** In the order they came: the first is the oldest. */
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat = setInterval(() => this.write(": keep-alive\n\n"), HEARTBEAT_MS).unref();

  constructor(private readonly limits: { maxClients: number; maxUnreadBytes: number } = { maxClients: MAX_CLIENTS, maxUnreadBytes: MAX_UNREAD_BYTES }) {}

  /** Takes over a response; `greeting` is what a new page needs first (the current state). */
  add(response: ServerResponse, greeting: readonly { event: string; data: unknown }[]): void {
    while (this.clients.size >= this.limits.maxClients) this.drop(this.clients.values().next().value!);
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-content-type-options": "nosniff",
    });
    // The greeting is not held against the bound: it is the current state, written once.
    for (const { event, data } of greeting) response.write(format(event, data));
    this.clients.add(response);
    response.on("close", () => this.clients.delete(response));
  }

  send(event: string, data: unknown): void {
    this.write(format(event, data));
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private write(text: string): void {
    for (const client of this.clients) {
      client.write(text);
      // What the response and its socket still hold: a client that reads keeps it near zero.
      if (client.writableLength > this.limits.maxUnreadBytes) this.drop(client);
    }
  }

  /** Ends a client's stream now, discarding what it has not read. */
  private drop(client: ServerResponse): void {
    this.clients.delete(client);
    client.destroy();
  }
}

/** JSON has no raw line breaks, so the data is always one `data:` line. */
function format(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
