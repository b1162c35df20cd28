// (Servers and tests only.) A loopback port for a server whose address must be known before it
// starts: the caller's preferred one when nothing listens there, else one the OS picks.
import { createServer } from "node:net";

function listenOn(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : undefined));
    });
  });
}

/** A loopback port nothing listens on now; `preferred` when it is free (0: any). */
export async function freePort(preferred = 0): Promise<number> {
  const port = (preferred !== 0 ? await listenOn(preferred) : undefined) ?? (await listenOn(0));
  if (port === undefined) throw new Error("no free loopback port");
  return port;
}
