import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "../components/app-header";
import { SessionGate } from "../components/session/session-gate";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Rollscope",
  description: "Progressive delivery for Argo Rollouts and Flagger",
};

// Sets the theme before first paint so a dark-mode user never sees a white flash: from this browser's
// copy of the person's setting (theme-toggle.tsx replaces it with the API's value once loaded);
// "system" or none follows the operating system.
const themeScript = `try{var t=localStorage.getItem("rollscope-theme");if(t!=="light"&&t!=="dark"){t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"}document.documentElement.dataset.theme=t}catch(e){}`;

// The pages are static files: the API's Content-Security-Policy allows this script and Next's inline
// ones by their hashes, computed when it loads the files (apps/api/src/server/static-pages.ts).
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script, no user input */}
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <Providers>
          <SessionGate>
            <AppHeader />
            <main>{children}</main>
          </SessionGate>
        </Providers>
      </body>
    </html>
  );
}
