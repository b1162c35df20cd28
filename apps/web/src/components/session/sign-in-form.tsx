"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import styles from "./session.module.css";
import { signIn } from "./session-api";

export function SignInForm() {
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
          This Rollscope was started with a token (<code>--auth-token</code> or <code>ROLLSCOPE_TOKEN</code>).
          Paste it once; this browser keeps it in a session cookie for 12 hours.
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
