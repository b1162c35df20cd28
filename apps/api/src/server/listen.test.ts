import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { listen } from "./http-server";

describe("listen", () => {
  it("names the busy port and the flag to change it, in one line", async () => {
    const first = createServer();
    const port = await listen(first, "127.0.0.1", 0);
    await expect(listen(createServer(), "127.0.0.1", port)).rejects.toThrow(
      `port ${port} on 127.0.0.1 is already in use: choose another with --port N`,
    );
    first.close();
  });
});
