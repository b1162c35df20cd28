// The mark before an Activity entry: drawn as SVG because emoji glyphs need a font many Linux
// desktops and CI browsers lack (they render as empty boxes). The words beside it carry the meaning;
// the title names it for screen readers and on hover.

export function ActivityIcon({ tone }: { tone: "normal" | "warning" | "action" }) {
  if (tone === "normal") return null;
  const title = tone === "warning" ? "Warning event" : "Done by a person through Rollscope";
  return (
    <svg
      width="12"
      height="12"
      viewBox="0 0 12 12"
      role="img"
      aria-label={title}
      style={{ verticalAlign: "-1px", marginRight: 4 }}
    >
      <title>{title}</title>
      {tone === "warning" ? (
        <>
          <path d="M6 1 L11.5 11 H0.5 Z" fill="currentColor" />
          <rect x="5.3" y="4.3" width="1.4" height="3.6" fill="var(--panel)" />
          <rect x="5.3" y="8.7" width="1.4" height="1.3" fill="var(--panel)" />
        </>
      ) : (
        <>
          <circle cx="6" cy="3.5" r="2.5" fill="currentColor" />
          <path d="M1 11.5 C1 8 3 6.8 6 6.8 C9 6.8 11 8 11 11.5 Z" fill="currentColor" />
        </>
      )}
    </svg>
  );
}
