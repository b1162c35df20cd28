"use client";
// Every action the controller offers, each enabled or disabled with the reason, behind a dialog that
// says exactly what will happen.
import type { ActionName, Delivery } from "@rollscope/shared";
import { actionLabels } from "@rollscope/shared/actions/action-labels";
import { rollbackChoices } from "@rollscope/shared/delivery/rollback-choices";
import { parseImageReference } from "@rollscope/shared/images/image-reference";
import { useState } from "react";
import { isolate } from "../../lib/bidi-isolate";
import { ActionDialog } from "../actions/action-dialog";
import { dangerousActions } from "../actions/dangerous-actions";
import styles from "./delivery-page.module.css";

const argoOrder: ActionName[] = ["promote", "promoteFull", "abort", "retry", "restart", "setImage", "undo"];
const flaggerOrder: ActionName[] = ["promote", "abort", "retry", "setImage"];

export function ActionsBar({ d }: { d: Delivery }) {
  const [open, setOpen] = useState<ActionName | undefined>();
  const order = d.controller === "argo" ? argoOrder : flaggerOrder;
  return (
    <section className={styles.actions} aria-label="Actions">
      {order.map((name) => {
        const a = d.actions.find((x) => x.action === name);
        if (!a) return null;
        return (
          <span key={name} className={styles.actionWrap}>
            <button
              type="button"
              className={
                dangerousActions.has(name)
                  ? styles.dangerButton
                  : name === "promote"
                    ? styles.primaryButton
                    : styles.button
              }
              disabled={!a.enabled}
              aria-describedby={a.enabled ? undefined : `why-${name}`}
              title={a.enabled ? `Uses: ${isolate(a.lever)}` : isolate(a.reason)}
              onClick={() => setOpen(name)}
            >
              {actionLabels[name]}
            </button>
            {!a.enabled ? (
              <span id={`why-${name}`} className="visually-hidden">
                {a.reason}
              </span>
            ) : null}
          </span>
        );
      })}
      {open === "setImage" ? (
        <SetImageDialog d={d} onClose={() => setOpen(undefined)} />
      ) : open === "undo" ? (
        <UndoDialog d={d} onClose={() => setOpen(undefined)} />
      ) : open ? (
        <ActionDialog target={d.ref} observed={d.observed} action={open} onClose={() => setOpen(undefined)} />
      ) : null}
    </section>
  );
}

function containerNames(d: Delivery): string[] {
  const fromRevision =
    d.revisions.find((r) => r.roles.includes("canary") || r.roles.includes("preview")) ?? d.revisions[0];
  // Container names are not in the summary; the image list of the newest revision maps 1:1 to them.
  return fromRevision ? fromRevision.containers : [];
}

function SetImageDialog({ d, onClose }: { d: Delivery; onClose(): void }) {
  const containers = containerNames(d);
  const [container, setContainer] = useState(containers[0] ?? "");
  const [image, setImage] = useState("");
  const parsed = image.trim() ? parseImageReference(image.trim()) : undefined;
  const ready = Boolean(container) && parsed?.ok === true;
  return (
    <ActionDialog
      target={d.ref}
      observed={d.observed}
      action="setImage"
      args={{ container, image: image.trim() }}
      ready={ready}
      onClose={onClose}
    >
      <div className={styles.formRow}>
        <label htmlFor="set-image-container">Container</label>
        {containers.length > 0 ? (
          <select id="set-image-container" value={container} onChange={(e) => setContainer(e.target.value)}>
            {containers.map((c) => (
              <option key={c} value={c}>
                {isolate(c)}
              </option>
            ))}
          </select>
        ) : (
          <input id="set-image-container" value={container} onChange={(e) => setContainer(e.target.value)} />
        )}
      </div>
      <div className={styles.formRow}>
        <label htmlFor="set-image-image">New image</label>
        <input
          id="set-image-image"
          value={image}
          onChange={(e) => setImage(e.target.value)}
          placeholder="registry/repository:tag"
          aria-invalid={parsed?.ok === false}
          aria-describedby="set-image-error"
          autoComplete="off"
        />
      </div>
      <p id="set-image-error" className={styles.fieldError} role={parsed?.ok === false ? "alert" : undefined}>
        {parsed?.ok === false ? parsed.error : ""}
      </p>
      {d.gitOpsOwner ? (
        <p className={styles.gitops}>
          ⚠ {d.gitOpsOwner.tool === "argocd" ? "Argo CD" : "Flux"} will revert this unless the change is also
          made in git.
        </p>
      ) : null}
    </ActionDialog>
  );
}

function UndoDialog({ d, onClose }: { d: Delivery; onClose(): void }) {
  const choices = rollbackChoices(d.revisions);
  const [revision, setRevision] = useState(choices[0]?.revision ?? 0);
  return (
    <ActionDialog target={d.ref} observed={d.observed} action="undo" args={{ revision }} onClose={onClose}>
      <div className={styles.formRow}>
        <label htmlFor="undo-revision">Roll back to</label>
        <select id="undo-revision" value={revision} onChange={(e) => setRevision(Number(e.target.value))}>
          {choices.map((r) => (
            <option key={r.name} value={r.revision}>
              {`revision ${r.revision} — ${r.images.map((i) => isolate(i)).join(", ")}`}
            </option>
          ))}
        </select>
      </div>
    </ActionDialog>
  );
}
