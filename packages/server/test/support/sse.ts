import http from 'node:http';

/** One server-sent event as a client reads it. */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/** A live SSE connection over real HTTP, read event by event. */
export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Events so far, in order (comments such as heartbeats are counted in `comments`). */
  events: SseEvent[];
  comments: number;
  /** Resolves with the first event of this type not yet taken, or rejects after `ms`. */
  next(type: string, ms?: number): Promise<SseEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens `GET path` on a listening server and parses the text/event-stream it answers. */
export function openSse(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(path, baseUrl), { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const taken = new Set<SseEvent>();
      const waiters: Array<() => void> = [];
      let buffer = '';
      let endResolve: () => void = () => undefined;
      const ended = new Promise<void>((r) => (endResolve = r));
      const client: SseClient = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments: 0,
        ended,
        close: () => req.destroy(),
        next: (type, ms = 5_000) =>
          new Promise((ok, fail) => {
            let expired = false;
            const timer = setTimeout(() => {
              expired = true;
              fail(new Error(`no "${type}" event within ${ms} ms; got ${events.map((e) => e.event).join(',')}`));
            }, ms);
            const check = (): boolean => {
              const found = events.find((e) => e.event === type && !taken.has(e));
              if (!found) return false;
              taken.add(found);
              clearTimeout(timer);
              ok(found);
              return true;
            };
            // Each chunk calls the waiters once: one that still finds nothing (a heartbeat came
            // first) must wait for the next chunk again, not be dropped.
            const wait = (): void => {
              if (!expired && !check()) waiters.push(wait);
            };
            wait();
          }),
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { id: null, event: 'message', data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) client.comments++;
            else if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) e.data = line.slice(6);
            isEvent ||= line.startsWith('event: ') || line.startsWith('data: ');
          }
          if (isEvent) events.push(e);
        }
        for (const w of waiters.splice(0)) w();
      });
      res.on('end', endResolve);
      res.on('close', endResolve);
      resolve(client);
    });
    req.on('error', reject);
  });
}
