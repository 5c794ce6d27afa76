/** @jsxImportSource hono/jsx */
import type { Child, FC } from "hono/jsx";
import type { Lang } from "../contract/envelope.js";

export interface LayoutProps {
  lang: Lang;
  title: string;
  /** Extra same-origin stylesheets (the hostile one on /demo?hostile=1). */
  styles?: string[];
  /** Same-origin scripts; a strict CSP allows no inline script. */
  scripts?: Child;
  bodyClass?: string;
  children?: Child;
}

/** The shell of every server-rendered page: one external stylesheet, no inline script or style. */
export const Layout: FC<LayoutProps> = ({ lang, title, styles = [], scripts, bodyClass, children }) => (
  <html lang={lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <link rel="stylesheet" href="/assets/site.css" />
      {styles.map((href) => (
        <link rel="stylesheet" href={href} />
      ))}
    </head>
    <body class={bodyClass}>
      {children}
      {scripts}
    </body>
  </html>
);

/** The header shared by the service's own pages (not the demo party site). */
export const ServiceHeader: FC<{ lang: Lang; path: string }> = ({ lang, path }) => (
  <header class="site-head">
    <div class="wrap">
      <a class="brand" href={`/transparency?lang=${lang}`}>
        Scrutin
      </a>
      <nav aria-label={lang === "fr" ? "Langue" : "Language"}>
        {lang === "fr" ? (
          <a href={`${path}?lang=en`} lang="en" hreflang="en">
            English
          </a>
        ) : (
          <a href={`${path}?lang=fr`} lang="fr" hreflang="fr">
            Français
          </a>
        )}
      </nav>
    </div>
  </header>
);
