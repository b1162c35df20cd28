// The API's browser session (see apps/api/src/server/session.ts), through the web app's /api proxy.
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";

export const sessionQueryKey = ["rollscope", "session"] as const;

const statusSchema = z.object({
  /** local: no sign-in; token: paste a token; oidc: the company's identity provider. */
  mode: z.enum(["local", "token", "oidc"]).default("token"),
  tokenRequired: z.boolean(),
  /** Who this browser acts as ("alice@example.com", "token ci"). */
  actor: z.string().optional(),
  loginUrl: z.string().optional(),
  signedIn: z.boolean(),
  /** What this Rollscope exposes without sign-in (e.g. --allow-anonymous on a public address). */
  exposure: z.array(z.string()).default([]),
});
export type SessionStatus = z.infer<typeof statusSchema>;
const errorSchema = z.object({ error: z.string() });

export async function fetchSession(): Promise<SessionStatus> {
  const res = await fetch("/api/session", { cache: "no-store" });
  if (!res.ok) throw new Error(`The Rollscope API answered ${res.status} to /api/session`);
  return statusSchema.parse(await res.json());
}

/** Whether a token is required and whether this browser has it; shared by the gate and the header. */
export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 60_000 });
}

async function errorOf(res: Response): Promise<string> {
  const body = errorSchema.safeParse(await res.json().catch(() => undefined));
  return body.success ? body.data.error : `The Rollscope API answered ${res.status}`;
}

/** Resolves when signed in; rejects with the API's reason (wrong token, malformed, refused). */
export async function signIn(token: string): Promise<void> {
  const res = await fetch("/api/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  if (!res.ok) throw new Error(await errorOf(res));
}

export async function signOut(): Promise<void> {
  const res = await fetch("/api/session", { method: "DELETE" });
  if (!res.ok) throw new Error(await errorOf(res));
}
