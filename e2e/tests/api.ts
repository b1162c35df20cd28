// Direct tRPC calls for setting up a scenario (the UI is what the tests exercise).
import type { APIRequestContext } from "@playwright/test";

export async function query<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const response = await request.get(
    `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) throw new Error(`${procedure} failed: ${body.error?.message}`);
  return body.result.data;
}

export async function mutate<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${procedure}`, { data: input });
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) throw new Error(`${procedure} failed: ${body.error?.message}`);
  return body.result.data;
}

export const target = (kind: "Rollout" | "Canary", namespace: string, name: string) => ({
  cluster: "demo",
  kind,
  namespace,
  name,
});

interface DeliveryLike {
  rawPhase: string;
  step?: { index: number; total: number };
  setWeight: number;
  observed: Record<string, unknown>;
  revisions: Array<{ containers: string[] }>;
}

export async function delivery(
  request: APIRequestContext,
  t: ReturnType<typeof target>,
): Promise<DeliveryLike> {
  return (await query<{ delivery: DeliveryLike }>(request, "deliveries.get", t)).delivery;
}

export async function waitForDelivery(
  request: APIRequestContext,
  t: ReturnType<typeof target>,
  check: (d: DeliveryLike) => boolean,
  timeoutMs = 60_000,
): Promise<DeliveryLike> {
  const deadline = Date.now() + timeoutMs;
  let last: DeliveryLike | undefined;
  while (Date.now() < deadline) {
    last = await delivery(request, t);
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out; last: ${JSON.stringify(last)?.slice(0, 400)}`);
}
