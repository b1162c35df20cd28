"use client";
// Shown in the header only when the API requires sign-in and this browser is signed in: who it acts
// as, and Sign out, which ends the session on the server.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import styles from "./session.module.css";
import { sessionQueryKey, signOut, useSession } from "./session-api";

export function SignOutButton() {
  const queryClient = useQueryClient();
  const session = useSession();
  const out = useMutation({
    mutationFn: signOut,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
  if (!session.data?.tokenRequired || !session.data.signedIn) return null;
  return (
    <>
      {session.data.actor ? (
        <span className={styles.who} title="Who this browser acts as">
          <bdi>{session.data.actor}</bdi>
        </span>
      ) : null}
      <button
        type="button"
        className={styles.signOut}
        onClick={() => out.mutate()}
        disabled={out.isPending}
        title={out.error ? `Sign-out failed: ${out.error.message}` : "End this browser's session"}
      >
        Sign out
      </button>
    </>
  );
}
