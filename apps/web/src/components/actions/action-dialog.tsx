"use client";
// Confirming an action: what will happen (lever and exact change, from the API's preview), then the
// call with the state the person saw, so a stale click is refused rather than applied.
import type { ActionName, DeliveryRef, ObservedState } from "@rollscope/shared";
import { actionLabels } from "@rollscope/shared/actions/action-labels";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef } from "react";
import { isolate } from "../../lib/bidi-isolate";
import { useTRPC } from "../../lib/trpc";
import { ClusterText } from "../cluster-text";
import { useToast } from "../toasts";
import styles from "./action-dialog.module.css";
import { dangerousActions } from "./dangerous-actions";

export interface ActionArgs {
  container?: string;
  image?: string;
  revision?: number;
}

export function ActionDialog(props: {
  target: DeliveryRef;
  observed: ObservedState;
  action: ActionName;
  args?: ActionArgs;
  /** Extra inputs (set image, revision); the preview waits until `ready`. */
  children?: ReactNode;
  ready?: boolean;
  onClose(): void;
}) {
  const { target, observed, action, args = {}, ready = true, onClose } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const input = { target, observed, ...args };
  const preview = useQuery({
    ...trpc.actions.preview.queryOptions({ ...input, action }),
    enabled: ready,
    retry: false,
    staleTime: 0,
  });
  const mutationOptions = {
    onSuccess: (result: { description: string; warnings?: string[] }) => {
      toast("ok", `${actionLabels[action]} sent: ${isolate(result.description)}`);
      // Sent, but something after it needs a person (e.g. a follow-up that could not be saved).
      for (const warning of result.warnings ?? [])
        toast("bad", `${actionLabels[action]}: ${isolate(warning)}`);
      // Everything but this dialog's preview: asked again with the state it was opened on, the API
      // would rightly answer 409 (the delivery has moved on).
      const previewPath = JSON.stringify(trpc.actions.preview.pathKey()[0]);
      void queryClient.invalidateQueries({ predicate: (q) => JSON.stringify(q.queryKey[0]) !== previewPath });
      onClose();
    },
    onError: (error: { message: string }) =>
      toast("bad", `${actionLabels[action]} failed: ${isolate(error.message)}`),
  };
  const mutations = {
    promote: useMutation(trpc.actions.promote.mutationOptions(mutationOptions)),
    promoteFull: useMutation(trpc.actions.promoteFull.mutationOptions(mutationOptions)),
    abort: useMutation(trpc.actions.abort.mutationOptions(mutationOptions)),
    retry: useMutation(trpc.actions.retry.mutationOptions(mutationOptions)),
    restart: useMutation(trpc.actions.restart.mutationOptions(mutationOptions)),
    setImage: useMutation(trpc.actions.setImage.mutationOptions(mutationOptions)),
    undo: useMutation(trpc.actions.undo.mutationOptions(mutationOptions)),
  };
  const pending = Object.values(mutations).some((m) => m.isPending);
  const confirm = () => {
    if (action === "setImage")
      mutations.setImage.mutate({
        target,
        observed,
        container: args.container ?? "",
        image: args.image ?? "",
      });
    else if (action === "undo") mutations.undo.mutate({ target, observed, revision: args.revision ?? 0 });
    else mutations[action].mutate({ target, observed });
  };
  return (
    <dialog ref={dialog} className={styles.dialog} onClose={onClose} aria-labelledby="action-dialog-title">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
      >
        <h2 id="action-dialog-title" className={styles.title}>
          {actionLabels[action]} {target.kind} <ClusterText>{target.namespace}</ClusterText>/
          <ClusterText>{target.name}</ClusterText>?
        </h2>
        {props.children}
        <div className={styles.preview} aria-live="polite">
          {!ready ? (
            <p className={styles.muted}>Fill in the fields above to see what will happen.</p>
          ) : preview.isPending ? (
            <p className={styles.muted}>Working out what this will do…</p>
          ) : preview.error ? (
            <p className={styles.error} role="alert">
              ✖ <ClusterText>{preview.error.message}</ClusterText>
            </p>
          ) : (
            <>
              <p className={styles.lever}>
                Lever:{" "}
                <strong>
                  <ClusterText>{preview.data.lever}</ClusterText>
                </strong>
              </p>
              <p>
                <ClusterText>{preview.data.description}</ClusterText>
              </p>
              <details>
                <summary>Exact requests</summary>
                <pre className={styles.requests}>{JSON.stringify(preview.data.requests, null, 2)}</pre>
                {preview.data.afterRun.length > 0 ? (
                  <>
                    <p className={styles.muted}>After the run Rollscope will also send:</p>
                    <pre className={styles.requests}>{JSON.stringify(preview.data.afterRun, null, 2)}</pre>
                  </>
                ) : null}
              </details>
            </>
          )}
        </div>
        <div className={styles.buttons}>
          <button type="button" className={styles.secondary} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="submit"
            className={dangerousActions.has(action) ? styles.danger : styles.primary}
            disabled={!ready || !preview.data || pending}
          >
            {pending ? "Sending…" : actionLabels[action]}
          </button>
        </div>
      </form>
    </dialog>
  );
}
