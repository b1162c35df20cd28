"use client";
import Link from "next/link";
import styles from "./app-header.module.css";
import { ClusterBanner } from "./header/cluster-banner";
import { ExposureWarning } from "./header/exposure-warning";
import { ThemeToggle } from "./header/theme-toggle";
import { SignOutButton } from "./session/sign-out-button";

export function AppHeader() {
  return (
    <header className={styles.header}>
      <Link href="/" className={styles.brand} aria-label="Rollscope overview">
        <span aria-hidden="true" className={styles.logo}>
          ◎
        </span>
        Rollscope
      </Link>
      <ClusterBanner />
      <ExposureWarning />
      <div className={styles.spacer} />
      <SignOutButton />
      <ThemeToggle />
    </header>
  );
}
