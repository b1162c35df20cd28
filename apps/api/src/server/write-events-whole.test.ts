// An event's chunks leave as one write and one flush; other answers are written as they come.
import { createServer, get, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { listen } from "./http-server";
import { writeEventsWhole } from "./write-events-whole";

interface Seen {
  writes: string[];
  flushes: number;
  body: string;
}

/** Serves one answer written by `respond` and returns what reached the response below the wrapper. */
async function serve(contentType: string, respond: (res: ServerResponse) => void): Promise<Seen> {
  const seen: Seen = { writes: [], flushes: 0, body: "" };
  const server = createServer((_req, res) => {
    res.setHeader("content-type", contentType);
    const write = res.write.bind(res) as (chunk: string | Uint8Array) => boolean;
    res.write = ((chunk: string | Uint8Array) => {
      seen.writes.push(Buffer.from(chunk).toString());
      return write(chunk);
    }) as ServerResponse["write"];
    (res as ServerResponse & { flush: () => void }).flush = () => {
      seen.flushes++;
    };
    writeEventsWhole(res);
    respond(res);
  });
  servers.push(server);
  const port = await listen(server, "127.0.0.1", 0);
  seen.body = await new Promise<string>((resolve, reject) =>
    get(`http://127.0.0.1:${port}/`, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on("end", () => resolve(text));
    }).on("error", reject),
  );
  return seen;
}

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const encoder = new TextEncoder();
/** What tRPC's SSE producer writes for one event, chunk by chunk, with a flush after each. */
function writeEvent(res: ServerResponse, data: string, id: string): void {
  for (const part of [`data: ${data}\n`, `id: ${id}\n`, "\n\n"]) {
    res.write(encoder.encode(part));
    (res as ServerResponse & { flush?: () => void }).flush?.();
  }
}

describe("writeEventsWhole", () => {
  it("writes and flushes each Server-Sent Event once, whole and in order", async () => {
    const seen = await serve("text/event-stream", (res) => {
      writeEvent(res, '{"n":1}', "1");
      writeEvent(res, '{"n":2}', "2");
      res.end();
    });
    expect(seen.writes).toEqual(['data: {"n":1}\nid: 1\n\n\n', 'data: {"n":2}\nid: 2\n\n\n']);
    expect(seen.flushes).toBe(2);
    expect(seen.body).toBe(seen.writes.join(""));
  });

  it("sends a part of an event still held when the answer ends", async () => {
    const seen = await serve("text/event-stream", (res) => {
      writeEvent(res, '{"n":1}', "1");
      res.write("data: cut short\n");
      res.end();
    });
    expect(seen.writes).toEqual(['data: {"n":1}\nid: 1\n\n\n', "data: cut short\n"]);
    expect(seen.body).toBe('data: {"n":1}\nid: 1\n\n\ndata: cut short\n');
  });

  it("passes any other answer through chunk by chunk, with its flushes", async () => {
    const seen = await serve("application/json", (res) => {
      res.write('{"result":');
      (res as ServerResponse & { flush: () => void }).flush();
      res.write("[]}");
      res.end();
    });
    expect(seen.writes).toEqual(['{"result":', "[]}"]);
    expect(seen.flushes).toBe(1);
    expect(seen.body).toBe('{"result":[]}');
  });
});
