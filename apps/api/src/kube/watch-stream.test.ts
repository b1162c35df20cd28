// The watch read line by line from a real HTTP server: events split anywhere across chunks arrive
// whole and in order, refusals carry the API server's status and message, and every watch ends once.
import type { IncomingMessage, RequestListener } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeWatchFailure, serverMessage } from "./kube-errors";
import { loopbackApiServer, waitFor } from "./testing/kube-fixtures";
import { WatchRefused, WatchStream } from "./watch-stream";

let handler: RequestListener;
let api: Awaited<ReturnType<typeof loopbackApiServer>>;

beforeEach(async () => {
  api = await loopbackApiServer((req, res) => handler(req, res));
});

afterEach(() => api.close());

const watchStream = async (token = "watch-token") => new WatchStream(await api.kubeConfig(token));

/** Runs a watch to its end: the events seen and what `done` was called with (and how often). */
async function run(stream: WatchStream, query: Record<string, string | number | boolean | undefined> = {}) {
  const events: Array<{ phase: string; object: unknown }> = [];
  const ends: unknown[] = [];
  await stream.watch(
    "/apis/argoproj.io/v1alpha1/rollouts",
    query,
    (phase, object) => events.push({ phase, object }),
    (error) => ends.push(error),
  );
  await waitFor("the watch to end", () => ends.length > 0);
  await new Promise((resolve) => setTimeout(resolve, 20)); // a second `done` would have come by now
  return { events, ends };
}

const line = (type: string, name: string, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ type, object: { metadata: { name, resourceVersion: "7" }, ...extra } })}\n`;

describe("WatchStream", () => {
  it("asks for a watch with the query and the kubeconfig's credentials", async () => {
    let seen: IncomingMessage | undefined;
    handler = (req, res) => {
      seen = req;
      res.writeHead(200, { "content-type": "application/json" });
      res.end();
    };
    const { ends } = await run(await watchStream(), {
      resourceVersion: "42",
      allowWatchBookmarks: true,
      timeoutSeconds: 300,
      labelSelector: undefined,
    });
    const query = new URL(seen?.url ?? "", api.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      watch: "true",
      resourceVersion: "42",
      allowWatchBookmarks: "true",
      timeoutSeconds: "300",
    });
    expect(seen?.headers.authorization).toBe("Bearer watch-token");
    expect(seen?.headers.accept).toBe("application/json");
    expect(ends).toEqual([null]);
  });

  it("delivers events split anywhere across chunks whole and in order, skipping lines that are not JSON", async () => {
    const text =
      line("ADDED", "first") +
      line("MODIFIED", "ünïcödé-🚀", { note: "x".repeat(3000) }) +
      "not json\n\n" +
      line("BOOKMARK", "") +
      line("DELETED", "last").trimEnd(); // the last line without its newline
    const bytes = Buffer.from(text, "utf8");
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      // Seven-byte pieces: lines, and the multi-byte characters, are cut in the middle.
      let at = 0;
      const next = () => {
        if (at >= bytes.length) return res.end();
        res.write(bytes.subarray(at, at + 7));
        at += 7;
        setImmediate(next);
      };
      next();
    };
    const { events, ends } = await run(await watchStream());
    expect(events.map((e) => e.phase)).toEqual(["ADDED", "MODIFIED", "BOOKMARK", "DELETED"]);
    const names = events.map((e) => (e.object as { metadata: { name: string } }).metadata.name);
    expect(names).toEqual(["first", "ünïcödé-🚀", "", "last"]);
    expect((events[1]?.object as { note?: string } | undefined)?.note).toHaveLength(3000);
    expect(ends).toEqual([null]);
  });

  it("ends with the API server's status and message when the watch is refused", async () => {
    const status = {
      kind: "Status",
      status: "Failure",
      message: 'rollouts.argoproj.io is forbidden: User "bob" cannot watch resource "rollouts"',
      code: 403,
    };
    handler = (_req, res) => {
      res.writeHead(403, { "content-type": "application/json" });
      res.end(JSON.stringify(status));
    };
    const { events, ends } = await run(await watchStream());
    expect(events).toEqual([]);
    expect(ends).toHaveLength(1);
    const refused = ends[0] as WatchRefused;
    expect(refused).toBeInstanceOf(WatchRefused);
    expect(refused.statusCode).toBe(403);
    const failure = describeWatchFailure(refused, { verb: "watch", resource: "rollouts.argoproj.io" });
    expect(failure).toMatchObject({ fatal: true, status: 403 });
    expect(serverMessage(refused)).toBe(status.message);
  });

  it("reports 410 Gone with its status code, which makes the informer list again", async () => {
    handler = (_req, res) => {
      res.writeHead(410, { "content-type": "application/json" });
      res.end(JSON.stringify({ kind: "Status", code: 410, message: "too old resource version" }));
    };
    const { ends } = await run(await watchStream());
    expect((ends[0] as WatchRefused).statusCode).toBe(410);
  });

  it("ends once, with no event after it, when aborted mid-stream", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(line("ADDED", "a"));
      // stays open, like a watch
    };
    const events: string[] = [];
    const ends: unknown[] = [];
    const controller = await (await watchStream()).watch(
      "/api/v1/pods",
      {},
      (phase) => events.push(phase),
      (error) => ends.push(error),
    );
    await waitFor("the first event", () => events.length > 0);
    controller.abort();
    await waitFor("the end", () => ends.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ends).toHaveLength(1);
    expect((ends[0] as Error).name).toBe("AbortError");
    expect(events).toEqual(["ADDED"]);
  });

  it("ends with an error when the connection breaks mid-stream, and with the callback's error if it throws", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(line("ADDED", "a"));
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const broken = await run(await watchStream());
    expect(broken.events).toHaveLength(1);
    expect(broken.ends).toHaveLength(1);
    expect(broken.ends[0]).toBeInstanceOf(Error);

    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(line("ADDED", "a") + line("ADDED", "b"));
    };
    const ends: unknown[] = [];
    const seen: string[] = [];
    await (await watchStream()).watch(
      "/api/v1/pods",
      {},
      (_phase, object) => {
        const name = (object as { metadata: { name: string } }).metadata.name;
        seen.push(name);
        throw new Error(`cannot take ${name}`);
      },
      (error) => ends.push(error),
    );
    await waitFor("the end", () => ends.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(["a"]);
    expect(ends).toHaveLength(1);
    expect((ends[0] as Error).message).toBe("cannot take a");
  });
});
