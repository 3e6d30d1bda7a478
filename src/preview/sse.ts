import type { ServerResponse } from "node:http";

/** Comment lines keep idle connections open through proxies and let the page notice a dead server. */
const HEARTBEAT_MS = 15_000;

/** Server-Sent Events to every open preview page: one named event, data as JSON. */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat = setInterval(() => this.write(": keep-alive\n\n"), HEARTBEAT_MS).unref();

  /** Takes over a response; `greeting` is what a new page needs first (the current state). */
  add(response: ServerResponse, greeting: readonly { event: string; data: unknown }[]): void {
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-content-type-options": "nosniff",
    });
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
    for (const client of this.clients) client.write(text);
  }
}

/** JSON has no raw line breaks, so the data is always one `data:` line. */
function format(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
