"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import styles from "./session.module.css";
import { signIn, useSession } from "./session-api";

/** Sign-in with the company's identity provider: a full-page redirect there and back. */
function ProviderSignIn({ loginUrl }: { loginUrl: string }) {
  const here = typeof window === "undefined" ? "/" : `${window.location.pathname}${window.location.search}`;
  return (
    <main className={styles.page}>
      <section className={styles.card} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" className={styles.title}>
          <span aria-hidden="true">◎</span> Sign in to Rollscope
        </h1>
        <p className={styles.muted}>
          Sign in with your company account. You act as yourself: the cluster's RBAC decides what you may do,
          and the audit names you.
        </p>
        <a className={styles.primary} href={`${loginUrl}?returnTo=${encodeURIComponent(here)}`}>
          Sign in with your identity provider
        </a>
      </section>
    </main>
  );
}

export function SignInForm() {
  const session = useSession();
  if (session.data?.mode === "oidc" && session.data.loginUrl)
    return <ProviderSignIn loginUrl={session.data.loginUrl} />;
  return <TokenSignIn />;
}

function TokenSignIn() {
  const queryClient = useQueryClient();
  const [token, setToken] = useState("");
  const submit = useMutation({
    mutationFn: signIn,
    // Everything fetched before sign-in failed with 401: start afresh.
    onSuccess: () => queryClient.resetQueries(),
  });
  return (
    <main className={styles.page}>
      <form
        className={styles.card}
        aria-labelledby="sign-in-title"
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate(token);
        }}
      >
        <h1 id="sign-in-title" className={styles.title}>
          <span aria-hidden="true">◎</span> Sign in to Rollscope
        </h1>
        <p className={styles.muted}>
          This Rollscope asks for a token (<code>--auth-token-file</code> or <code>ROLLSCOPE_TOKEN</code>).
          Paste it once; this browser then holds a session for 12 hours, until you sign out.
        </p>
        <label htmlFor="rollscope-token" className={styles.label}>
          Token
        </label>
        <input
          id="rollscope-token"
          type="password"
          autoComplete="current-password"
          className={styles.input}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
        />
        {submit.error ? (
          <p role="alert" className={styles.error}>
            {submit.error.message}
          </p>
        ) : null}
        <button type="submit" className={styles.primary} disabled={submit.isPending || token.trim() === ""}>
          {submit.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
