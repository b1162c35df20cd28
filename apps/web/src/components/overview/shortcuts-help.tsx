"use client";
import { useEffect, useRef } from "react";
import styles from "./overview.module.css";

const shortcuts: Array<[string, string]> = [
  ["/", "Search"],
  ["j / ↓", "Next delivery"],
  ["k / ↑", "Previous delivery"],
  ["Enter", "Open the selected delivery"],
  ["f", "Favourite the selected delivery"],
  ["?", "Show or hide this help"],
  ["Esc", "Leave the search box, close dialogs"],
];

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  return (
    <dialog ref={dialog} className={styles.help} onClose={onClose} aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {shortcuts.map(([key, what]) => (
          <div key={key} className={styles.shortcut}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
