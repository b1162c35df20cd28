import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "./free-port";

const open: Server[] = [];

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
    open.push(server);
  });
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("freePort", () => {
  it("gives a port a server can then listen on", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    await expect(listen(port)).resolves.toBeDefined();
  });

  it("gives the preferred port while it is free, another once something listens there", async () => {
    const preferred = await freePort();
    expect(await freePort(preferred)).toBe(preferred);
    await listen(preferred);
    const other = await freePort(preferred);
    expect(other).not.toBe(preferred);
    expect(other).toBeGreaterThan(0);
  });
});
