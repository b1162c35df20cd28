"use client";
// Short-lived messages for action results; announced to screen readers.
import { createContext, type ReactNode, useCallback, useContext, useState } from "react";
import styles from "./toasts.module.css";

interface Toast {
  id: number;
  tone: "ok" | "bad";
  text: string;
}

const ToastContext = createContext<(tone: Toast["tone"], text: string) => void>(() => {});

export function useToast() {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((tone: Toast["tone"], text: string) => {
    const id = Date.now() + Math.random();
    setToasts((t) => [...t, { id, tone, text }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), tone === "bad" ? 10_000 : 5_000);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className={styles.stack} aria-live="polite">
        {toasts.map((t) => (
          <div
            key={t.id}
            className={`${styles.toast} ${t.tone === "ok" ? styles.ok : styles.bad}`}
            role={t.tone === "bad" ? "alert" : "status"}
          >
            <span aria-hidden="true">{t.tone === "ok" ? "✔" : "✖"}</span> {t.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
