import type { Child } from "hono/jsx";
import type { Principal } from "./principal.js";

/**
 * The auditor UI's frame, in French (Québec's Charter of the French language expects
 * workplace software in French). No script at all: forms and links only, so the strict
 * CSP (no inline script, no script source) costs nothing and keyboards work everywhere.
 */
export const CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #c9c9c9; --accent: #0b4f8a; --bad: #a4161a; --ok: #1b6e20; --warn: #8a5a00; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fafafa; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }
header.top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .75rem 1.5rem; background: #fff; border-bottom: 1px solid var(--line); }
header.top .brand { font-weight: 700; margin-right: auto; }
header.top nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
header.top form { margin: 0; }
main { padding: 1.5rem; max-width: 80rem; margin: 0 auto; }
h1 { font-size: 1.6rem; margin-top: 0; } h2 { font-size: 1.25rem; margin-top: 2rem; } h3 { font-size: 1.05rem; }
fieldset { border: 1px solid var(--line); padding: 1rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
label { display: flex; flex-direction: column; font-size: .9rem; gap: .25rem; }
input, select, textarea, button { font: inherit; padding: .4rem .5rem; border: 1px solid #888; border-radius: 4px; background: #fff; }
textarea { width: 100%; min-height: 5rem; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
button.danger { background: var(--bad); border-color: var(--bad); }
button.link { background: none; color: var(--accent); border: none; text-decoration: underline; padding: 0; }
table { border-collapse: collapse; width: 100%; background: #fff; }
caption { text-align: left; font-weight: 600; padding: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
.muted { color: var(--muted); } .mono { font-family: ui-monospace, monospace; font-size: .85rem; word-break: break-all; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .85rem; border: 1px solid currentColor; margin-right: .25rem; }
.bad { color: var(--bad); } .ok { color: var(--ok); } .warn { color: var(--warn); }
.notice { padding: .75rem 1rem; border-left: 4px solid var(--accent); background: #eef4fa; margin-bottom: 1rem; }
.notice.error { border-color: var(--bad); background: #fbeaea; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
@media (max-width: 50rem) { .pair { grid-template-columns: 1fr; } }
.answer { white-space: pre-wrap; background: #fff; border: 1px solid var(--line); padding: 1rem; }
blockquote { margin: .5rem 0; padding: .5rem 1rem; border-left: 4px solid var(--line); background: #fff; }
.passage { white-space: pre-wrap; background: #fff; border: 1px solid var(--line); padding: .75rem; }
.citation { border-top: 1px solid var(--line); padding-top: .75rem; margin-top: .75rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
.actions { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1.5rem; }
`;

export function Layout(props: { title: string; principal?: Principal | undefined; csrf?: string | undefined; children: Child }) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} — Scrutin, registre d'audit`}</title>
        <link rel="stylesheet" href="/audit/static/audit.css" />
      </head>
      <body>
        <a class="skip" href="#contenu">
          Aller au contenu
        </a>
        <header class="top">
          <span class="brand">Scrutin — registre d'audit</span>
          {props.principal ? (
            <>
              <nav aria-label="Navigation principale">
                <ul>
                  <li>
                    <a href="/audit">Échanges</a>
                  </li>
                  <li>
                    <a href="/audit/verify">Vérification</a>
                  </li>
                  <li>
                    <a href="/audit/export">Exportation</a>
                  </li>
                </ul>
              </nav>
              <span>
                {props.principal.name} <span class="muted">({props.principal.role === "admin" ? "administration" : "audit"})</span>
              </span>
              <form method="post" action="/audit/logout">
                <input type="hidden" name="csrf" value={props.csrf ?? ""} />
                <button type="submit" class="link">
                  Se déconnecter
                </button>
              </form>
            </>
          ) : null}
        </header>
        <main id="contenu">{props.children}</main>
      </body>
    </html>
  );
}

export function Notice(props: { kind?: "info" | "error"; children: Child }) {
  return (
    <div class={props.kind === "error" ? "notice error" : "notice"} role={props.kind === "error" ? "alert" : "status"}>
      {props.children}
    </div>
  );
}

const DATE_FMT = new Intl.DateTimeFormat("fr-CA", { dateStyle: "short", timeStyle: "medium", timeZone: "America/Toronto" });

/** Dates shown in Québec time, with the exact UTC value on hover and for machines. */
export function When(props: { iso: string }) {
  return (
    <time datetime={props.iso} title={`${props.iso} (UTC)`}>
      {DATE_FMT.format(new Date(props.iso))}
    </time>
  );
}

export const KIND_LABEL: Record<string, string> = { answer: "réponse", abstain: "abstention", refusal: "refus" };
export const LANG_LABEL: Record<string, string> = { fr: "français", en: "anglais" };
