// Subscriptions answered in tRPC's SSE format, read by tRPC's own client (over the `eventsource`
// package, as a browser's EventSource reads them) and on the wire.
import { createServer, get, type IncomingMessage, type Server } from "node:http";
import { createTRPCClient, httpSubscriptionLink, type TRPCClientError } from "@trpc/client";
import { initTRPC, TRPCError, tracked } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { compressAnswers } from "./compress-answers";
import { listen } from "./http-server";
import { sseEvent, subscriptionEvents } from "./subscription-events";

interface Ctx {
  who: string;
}
const t = initTRPC.context<Ctx>().create({
  isDev: false,
  sse: { ping: { enabled: true, intervalMs: 150 }, client: { reconnectAfterInactivityMs: 1000 } },
});

/** What the procedures saw, for assertions on the server side. */
const seen = { finished: 0, pulled: 0, inputs: [] as unknown[] };

const router = t.router({
  count: t.procedure
    .input(z.object({ upTo: z.number().int().min(1).max(100), lastEventId: z.string().nullish() }))
    .subscription(async function* ({ input, ctx }) {
      seen.inputs.push(input);
      const from = input.lastEventId ? Number(input.lastEventId) + 1 : 1;
      for (let n = from; n <= input.upTo; n++) yield tracked(String(n), { n, who: ctx.who });
    }),
  plain: t.procedure.subscription(async function* () {
    yield "untracked";
  }),
  forever: t.procedure.subscription(async function* ({ signal }) {
    try {
      yield tracked("1", "first");
      await new Promise((resolve) => signal?.addEventListener("abort", resolve));
    } finally {
      seen.finished++;
    }
  }),
  /** Large events as fast as they are taken, to show a reader that stops reading stops the producer. */
  flood: t.procedure.subscription(async function* () {
    const big = "x".repeat(64 * 1024);
    for (let n = 0; ; n++) {
      seen.pulled++;
      yield tracked(String(n), big);
    }
  }),
  fails: t.procedure.subscription(async function* () {
    yield tracked("1", "before");
    throw new TRPCError({ code: "CONFLICT", message: "It changed under you." });
  }),
  hello: t.procedure.query(() => "a query stays with tRPC's adapter"),
});

async function createContext(req: IncomingMessage): Promise<Ctx> {
  const who = req.headers["x-who"] ?? new URL(req.url ?? "/", "http://x").searchParams.get("who");
  if (who === "nobody") throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return { who: typeof who === "string" ? who : "anyone" };
}

const errors: string[] = [];
const subscriptions = subscriptionEvents({
  router,
  basePath: "/trpc/",
  createContext,
  onError: (error, path) => errors.push(`${path}: ${error.code}`),
  middleware: compressAnswers,
});
const trpc = createHTTPHandler({
  router,
  basePath: "/trpc/",
  createContext: ({ req }) => createContext(req),
});

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const procedure = subscriptions.match(req, path);
    if (procedure) void subscriptions.serve(req, res, procedure);
    else trpc(req, res);
  });
  base = `http://127.0.0.1:${await listen(server, "127.0.0.1", 0)}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function client(who = "alice") {
  return createTRPCClient<typeof router>({
    links: [
      httpSubscriptionLink({
        url: `${base}/trpc`,
        EventSource,
        eventSourceOptions: () => ({
          fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, "x-who": who } }),
        }),
      }),
    ],
  });
}

/** Reads raw SSE text until `until` holds, then closes the connection. */
function readWire(path: string, until: (text: string) => boolean, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
    get(`${base}${path}`, { headers }, (res) => {
      let text = "";
      const done = () => {
        res.destroy();
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), text });
      };
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        if (until(text)) done();
      });
      res.on("end", done);
    }).on("error", reject);
  });
}

const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;

describe("subscription events", () => {
  it("delivers every tracked value, in order, to tRPC's client, then completes", async () => {
    const values: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      client("alice").count.subscribe(
        { upTo: 3 },
        { onData: (v) => values.push(v), onComplete: resolve, onError: reject },
      );
    });
    expect(values).toEqual([
      { id: "1", data: { n: 1, who: "alice" } },
      { id: "2", data: { n: 2, who: "alice" } },
      { id: "3", data: { n: 3, who: "alice" } },
    ]);
  });

  it("writes tRPC's wire format: connected, one id and data per event, then return", async () => {
    const wire = await readWire(`/trpc/count?${input({ upTo: 2 })}`, (text) =>
      text.includes("event: return"),
    );
    expect(wire.status).toBe(200);
    expect(wire.type).toBe("text/event-stream");
    expect(wire.text).toBe(
      sseEvent({ event: "connected", data: '{"reconnectAfterInactivityMs":1000}' }) +
        'data: {"n":1,"who":"anyone"}\nid: 1\n\n' +
        'data: {"n":2,"who":"anyone"}\nid: 2\n\n' +
        "event: return\ndata: \n\n",
    );
  });

  it("resumes after the id in Last-Event-ID, merged into the input as tRPC does", async () => {
    const wire = await readWire(
      `/trpc/count?${input({ upTo: 3 })}`,
      (text) => text.includes("event: return"),
      {
        "last-event-id": "2",
      },
    );
    expect(wire.text).toContain('data: {"n":3,"who":"anyone"}\nid: 3\n\n');
    expect(wire.text).not.toContain("id: 2\n");
    expect(seen.inputs.at(-1)).toEqual({ upTo: 3, lastEventId: "2" });
  });

  it("sends an untracked value without an id", async () => {
    const wire = await readWire("/trpc/plain", (text) => text.includes("event: return"));
    expect(wire.text).toContain('data: "untracked"\n\n');
    expect(wire.text).not.toContain("id:");
  });

  it("answers bad input with tRPC's error event, which its client raises with the code", async () => {
    const error = await new Promise<TRPCClientError<typeof router>>((resolve) => {
      client().count.subscribe({ upTo: 0 }, { onError: (e) => resolve(e as TRPCClientError<typeof router>) });
    });
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/upTo/);

    const wire = await readWire("/trpc/count?input=%7Bnot-json", (text) => text.includes("serialized-error"));
    expect(wire.text).toMatch(
      /event: serialized-error\ndata: \{"message":"The input is not valid JSON: .*"code":"BAD_REQUEST"/,
    );
  });

  it("sends an error the procedure throws after its values, and tells onError", async () => {
    const values: unknown[] = [];
    const error = await new Promise<TRPCClientError<typeof router>>((resolve) => {
      client().fails.subscribe(undefined, {
        onData: (v) => values.push(v),
        onError: (e) => resolve(e as TRPCClientError<typeof router>),
      });
    });
    expect(values).toEqual([{ id: "1", data: "before" }]);
    expect(error.data?.code).toBe("CONFLICT");
    expect(error.message).toBe("It changed under you.");
    expect(errors).toContain("fails: CONFLICT");
  });

  it("refuses a request whose context cannot be made with the error event, as tRPC does", async () => {
    const error = await new Promise<TRPCClientError<typeof router>>((resolve) => {
      client("nobody").forever.subscribe(undefined, {
        onError: (e) => resolve(e as TRPCClientError<typeof router>),
      });
    });
    expect(error.data?.code).toBe("UNAUTHORIZED");
    expect(error.message).toBe("Sign in first.");
    const before = seen.finished;
    const wire = await readWire("/trpc/forever?who=nobody", (text) => text.includes("serialized-error"));
    expect(wire.text).toMatch(/event: serialized-error\ndata: \{"message":"Sign in first\."/);
    expect(seen.finished).toBe(before);
  });

  it("pings an idle stream, and ends the procedure when the client leaves", async () => {
    const before = seen.finished;
    const wire = await readWire("/trpc/forever", (text) => text.includes("event: ping"));
    expect(wire.text).toContain('data: "first"\nid: 1\n\n');
    expect(wire.text).toContain("event: ping\ndata: \n\n");
    await expect.poll(() => seen.finished, { timeout: 2000 }).toBe(before + 1);
  });

  it("stops taking values while the client does not read (no unbounded buffer)", async () => {
    const req = get(`${base}/trpc/flood`, (res) => res.pause());
    await new Promise((resolve) => setTimeout(resolve, 500));
    const pulled = seen.pulled;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.pulled).toBe(pulled);
    // Socket buffers on both ends hold a few events; the producer was not run ahead of them.
    expect(pulled).toBeLessThan(200);
    req.destroy();
  });

  it("leaves queries, and batched calls, to tRPC's adapter", async () => {
    const answer = await readWire("/trpc/hello", () => false);
    expect(JSON.parse(answer.text)).toEqual({ result: { data: "a query stays with tRPC's adapter" } });
    const batched = await readWire("/trpc/count?batch=1&input=%7B%7D", () => false);
    expect(batched.text).toMatch(/subscription/i);
    // A path that cannot be decoded is tRPC's to refuse, not a failure of this handler.
    const undecodable = await readWire("/trpc/count%E0%A4%A", () => false);
    expect(undecodable.status).toBe(400);
    expect(JSON.parse(undecodable.text)).toMatchObject({ error: { data: { code: "BAD_REQUEST" } } });
  });
});
