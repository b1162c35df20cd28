"use client";
// Shows the sign-in form instead of the dashboard while the API requires a token this browser does
// not have. Without a token (the local default) it renders the dashboard straight away.
import type { ReactNode } from "react";
import { useSession } from "./session-api";
import { SignInForm } from "./sign-in-form";

export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession();
  // Until the answer arrives (or if the API is down) the dashboard renders and shows its own errors.
  if (session.data?.tokenRequired && !session.data.signedIn) return <SignInForm />;
  return <>{children}</>;
}
