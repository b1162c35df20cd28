"use client";
// Shown in the header only when the API requires a token and this browser is signed in.
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
    <button
      type="button"
      className={styles.signOut}
      onClick={() => out.mutate()}
      disabled={out.isPending}
      title={out.error ? `Sign-out failed: ${out.error.message}` : "Forget the token in this browser"}
    >
      Sign out
    </button>
  );
}
