/** @jsxImportSource hono/jsx */
import type { FC } from "hono/jsx";
import type { Lang } from "../contract/envelope.js";
import { Layout } from "./layout.js";

export interface DemoProps {
  lang: Lang;
  partyName: string;
  /** The service's public origin: the snippet is the README's, with this host. */
  origin: string;
  hostile: boolean;
}

/** The README's embed snippet, exactly as a party's web team pastes it. */
export function embedSnippet(origin: string, partyName: string): string {
  return `<script src="${origin}/widget.js" async data-party="${partyName.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`)}" data-color="#0b6e4f"></script>`;
}

/**
 * GET /demo: a fake party website with ordinary content and the widget embedded by the
 * README's snippet. `?lang=en` is the English site; `?hostile=1` adds a hostile global
 * stylesheet to prove the widget's shadow-DOM isolation.
 */
export const DemoPage: FC<DemoProps> = ({ lang, partyName, origin, hostile }) => {
  const t = (fr: string, en: string) => (lang === "fr" ? fr : en);
  const query = (l: Lang) => `/demo?lang=${l}${hostile ? "&hostile=1" : ""}`;
  return (
    <Layout
      lang={lang}
      title={`${partyName} — ${t("site de démonstration", "demo website")}`}
      bodyClass="party"
      styles={hostile ? ["/assets/hostile.css"] : []}
      scripts={<script src={`${origin}/widget.js`} async data-party={partyName} data-color="#0b6e4f"></script>}
    >
      <a class="skip" href="#main">{t("Aller au contenu", "Skip to content")}</a>
      <header class="site-head">
        <div class="wrap">
          <a class="brand" href={query(lang)}>
            {partyName}
          </a>
          <nav aria-label={t("Menu principal", "Main menu")}>
            <ul>
              <li><a href="#team">{t("Notre équipe", "Our team")}</a></li>
              <li><a href="#news">{t("Nouvelles", "News")}</a></li>
              <li><a href="#contact">{t("Nous joindre", "Contact us")}</a></li>
              <li>
                {lang === "fr" ? <a href={query("en")} lang="en" hreflang="en">English</a> : <a href={query("fr")} lang="fr" hreflang="fr">Français</a>}
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <div class="hero">
        <div class="wrap">
          <h1>{t("Ensemble pour nos quartiers", "Together for our neighbourhoods")}</h1>
          <p class="lead">
            {t(
              `Ceci est le site de démonstration de ${partyName}, un parti fictif. Il montre l'assistant Scrutin tel qu'un parti l'intègre sur son site : cherchez le bouton « Questions sur le vote? » en bas de la page.`,
              `This is the demo website of ${partyName}, a fictional party. It shows the Scrutin assistant as a party embeds it on its site: look for the "Questions about voting?" button at the bottom of the page.`,
            )}
          </p>
        </div>
      </div>
      <main id="main">
        <div class="cards">
          <section class="card" id="team">
            <h2>{t("Notre équipe", "Our team")}</h2>
            <p>{t("Des bénévoles de toutes les régions, qui font du porte-à-porte et organisent des assemblées de cuisine chaque semaine.", "Volunteers from every region who knock on doors and host kitchen meetings every week.")}</p>
          </section>
          <section class="card" id="news">
            <h2>{t("Nouvelles", "News")}</h2>
            <p>{t("Assemblée d'investiture jeudi soir au centre communautaire. Café et biscuits offerts.", "Nomination meeting Thursday evening at the community centre. Coffee and cookies provided.")}</p>
          </section>
          <section class="card" id="contact">
            <h2>{t("Nous joindre", "Contact us")}</h2>
            <p>{t("Écrivez-nous pour devenir bénévole ou pour recevoir notre infolettre.", "Write to us to volunteer or to receive our newsletter.")}</p>
          </section>
        </div>
        <h2>{t("Pour les équipes web : intégrer l'assistant", "For web teams: embedding the assistant")}</h2>
        <p>{t("Une seule ligne, n'importe où dans la page :", "One line, anywhere in the page:")}</p>
        <pre><code>{embedSnippet(origin, partyName)}</code></pre>
        <p>
          <a href={`/transparency?lang=${lang}`}>{t("Comment fonctionne l'assistant (transparence)", "How the assistant works (transparency)")}</a>
        </p>
      </main>
      <footer class="site-foot">
        <div class="wrap">
          {t(
            `${partyName} est un parti fictif. Site de démonstration de Scrutin — aucune affiliation avec un parti réel ni avec Élections Québec.`,
            `${partyName} is a fictional party. Scrutin demo website — no affiliation with any real party or with Élections Québec.`,
          )}
        </div>
      </footer>
    </Layout>
  );
};
