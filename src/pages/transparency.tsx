/** @jsxImportSource hono/jsx */
import type { FC } from "hono/jsx";
import type { Lang } from "../contract/envelope.js";
import { AI_LABEL, OFFICIAL } from "../seal/official.js";
import { commitments } from "./commitments.js";
import { Layout, ServiceHeader } from "./layout.js";
import { outsideQuebec, type DocumentFact, type TransparencyFacts } from "./transparency-facts.js";

const httpUrl = (u: string | null) => (u && /^https?:\/\//i.test(u) ? u : null);

const Documents: FC<{ docs: DocumentFact[]; lang: Lang }> = ({ docs, lang }) => {
  const t = (fr: string, en: string) => (lang === "fr" ? fr : en);
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t("Document", "Document")}</th>
          <th scope="col">{t("Source officielle", "Official source")}</th>
          <th scope="col">{t("Date de la source", "Source date")}</th>
          <th scope="col">{t("Vérifié le", "Verified on")}</th>
        </tr>
      </thead>
      <tbody>
        {docs.map((d) => (
          <tr>
            <td lang={d.lang}>
              {d.title}
              {d.scope === "municipal" || d.scope === "school" ? ` (${d.scope === "municipal" ? t("élections municipales", "municipal elections") : t("élections scolaires", "school board elections")})` : ""}
            </td>
            <td>
              <a href={d.sourceUrl}>{d.sourceUrl}</a>
            </td>
            <td>{d.sourceDate}</td>
            <td>{d.verifiedAt}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** GET /transparency: what the assistant is, who runs what where, what is kept, its sources, and who to talk to. */
export const TransparencyPage: FC<{ facts: TransparencyFacts; keyIds: string[]; lang: Lang }> = ({ facts: f, keyIds, lang }) => {
  const t = (fr: string, en: string) => (lang === "fr" ? fr : en);
  const party = f.party.name ?? t("le parti qui l'offre sur son site", "the party offering it on its website");
  const byLang = (l: Lang) => f.corpus.documents.filter((d) => d.lang === l);
  const contactUrl = httpUrl(f.party.contactUrl);
  const platformUrl = httpUrl(f.party.platformUrl);
  return (
    <Layout lang={lang} title={t("Transparence — Scrutin, assistant d'information électorale", "Transparency — Scrutin, election information assistant")}>
      <a class="skip" href="#main">{t("Aller au contenu", "Skip to content")}</a>
      <ServiceHeader lang={lang} path="/transparency" />
      <main id="main">
        <h1>{t("Transparence : l'assistant Scrutin", "Transparency: the Scrutin assistant")}</h1>
        <p class="lead">
          {t(
            `Scrutin est un assistant d'intelligence artificielle offert sur le site de ${party}. Il répond aux questions sur le vote au Québec (qui peut voter, l'inscription, les pièces d'identité, les dates, les façons de voter) uniquement à partir des sources officielles d'Élections Québec.`,
            `Scrutin is an artificial intelligence assistant offered on the website of ${party}. It answers questions about voting in Québec (who can vote, registration, ID, dates, ways to vote) only from Élections Québec's official sources.`,
          )}
        </p>
        <p class="note">
          {t(
            "Ce n'est ni Élections Québec ni la voix du parti : l'assistant ne dit pas pour qui voter, ne fait pas de prédictions et ne commente pas les candidats. Pour une réponse officielle, communiquez avec Élections Québec : ",
            "It is neither Élections Québec nor the party's voice: the assistant does not say whom to vote for, make predictions or comment on candidates. For an official answer, contact Élections Québec: ",
          )}
          <a href={OFFICIAL.link[lang].url}>{OFFICIAL.domain}</a>, <a href={`tel:+${OFFICIAL.phoneDigits}`}>{OFFICIAL.phoneDisplay[lang]}</a>.
        </p>

        <h2 id="how">{t("Comment les réponses sont produites", "How answers are produced")}</h2>
        {f.generator === "extractive" ? (
          <p>
            {t(
              "Dans cette configuration, aucun modèle de langage d'IA n'est appelé : les réponses sont des phrases choisies par un logiciel dans les passages officiels, chacune suivie de sa citation [n]. Elles portent quand même l'étiquette « générée par une intelligence artificielle », parce qu'elles sont produites automatiquement, sans révision humaine, et qu'une seule étiquette s'applique partout.",
              "In this configuration, no AI language model is called: answers are sentences selected by software from the official passages, each followed by its [n] citation. They still carry the \"AI-generated\" label, because they are produced automatically, without human review, and one label applies everywhere.",
            )}
          </p>
        ) : (
          <>
            <p>
              {t(
                "Un modèle de langage rédige la réponse à partir des passages officiels trouvés pour votre question; un contrôle logiciel vérifie ensuite chaque citation, adresse, numéro et date, et remplace la réponse par des phrases tirées directement des sources si le contrôle échoue.",
                "A language model writes the answer from the official passages found for your question; a software check then verifies every citation, address, number and date, and replaces the answer with sentences taken directly from the sources if the check fails.",
              )}
            </p>
            <table>
              <tbody>
                <tr>
                  <th scope="row">{t("Fournisseur du modèle", "Model provider")}</th>
                  <td>{f.llm.provider ?? t("non déclaré par l'exploitant", "not declared by the operator")}</td>
                </tr>
                <tr>
                  <th scope="row">{t("Modèle", "Model")}</th>
                  <td>{f.llm.model}</td>
                </tr>
                <tr>
                  <th scope="row">{t("Lieu d'hébergement du modèle", "Where the model is hosted")}</th>
                  <td>{f.llm.jurisdiction ?? t("non déclaré par l'exploitant", "not declared by the operator")}</td>
                </tr>
                <tr>
                  <th scope="row">{t("Service appelé", "Service called")}</th>
                  <td>{f.llm.endpointHost ?? "—"}</td>
                </tr>
              </tbody>
            </table>
            {!f.llm.jurisdiction ? (
              <p class="warn">{t("L'exploitant n'a pas déclaré où le modèle est hébergé. Vos questions, après masquage des renseignements personnels, lui sont transmises.", "The operator has not declared where the model is hosted. Your questions, after personal information is masked, are sent to it.")}</p>
            ) : outsideQuebec(f.llm.jurisdiction) ? (
              <p class="warn">
                {t(`Ce fournisseur est hébergé hors du Québec (${f.llm.jurisdiction}). Vos questions, après masquage des renseignements personnels, y sont transmises.`, `This provider is hosted outside Québec (${f.llm.jurisdiction}). Your questions, after personal information is masked, are sent there.`)}
              </p>
            ) : null}
          </>
        )}
        <p>
          {f.embeddings.kind === "hashing"
            ? t("La recherche dans les sources se fait entièrement sur le serveur de Scrutin, sans service externe.", "Searching the sources happens entirely on Scrutin's server, with no outside service.")
            : t(
                `Pour chercher dans les sources, le texte de votre question (après masquage) est envoyé au service de plongements ${f.embeddings.endpointHost ?? "configuré"} (modèle ${f.embeddings.model}).`,
                `To search the sources, your question's text (after masking) is sent to the embeddings service ${f.embeddings.endpointHost ?? "configured"} (model ${f.embeddings.model}).`,
              )}
        </p>

        <h2 id="label">{t("L'étiquette des réponses", "The answers' label")}</h2>
        <p>{t("Chaque réponse, quel que soit le canal (assistant, API, exportations), se termine par cette étiquette :", "Every answer, in every channel (assistant, API, exports), ends with this label:")}</p>
        <p class="label-sample" lang="fr">{AI_LABEL.fr}</p>
        <p class="label-sample" lang="en">{AI_LABEL.en}</p>
        <p>{t("Les machines la lisent dans les champs « aiGenerated » (toujours vrai) et « label » de chaque réponse.", "Machines read it in each answer's \"aiGenerated\" (always true) and \"label\" fields.")}</p>

        <h2 id="verify">{t("Vérifier qu'une réponse est authentique", "Checking that an answer is authentic")}</h2>
        <p>
          {t("Chaque réponse est signée (Ed25519, sur sa forme JSON canonique RFC 8785). Les clés publiques sont publiées à ", "Every answer is signed (Ed25519, over its RFC 8785 canonical JSON). The public keys are published at ")}
          <a href="/api/keys">/api/keys</a>
          {t(". Le bouton « Vérifier cette réponse » de l'assistant et la page ", ". The assistant's \"Verify this answer\" button and the page ")}
          <a href={`/verify?lang=${lang}`}>/verify</a>
          {t(" vérifient la signature dans votre navigateur.", " check the signature in your browser.")}
        </p>
        {keyIds.length > 0 ? (
          <p>
            {t("Identifiants des clés (empreintes RFC 7638) : ", "Key ids (RFC 7638 thumbprints): ")}
            {keyIds.map((k, i) => (
              <>
                {i > 0 ? ", " : ""}
                <code>{k}</code>
              </>
            ))}
          </p>
        ) : null}

        <h2 id="data">{t("Vos données", "Your data")}</h2>
        <ul>
          <li>{t("Aucun compte, aucun témoin (cookie), aucun renseignement personnel n'est nécessaire pour poser une question.", "No account, no cookie, no personal information is needed to ask a question.")}</li>
          <li>
            {t(
              "Chaque échange est journalisé pour permettre l'audit et la vérification : la question après masquage automatique des renseignements personnels, la réponse signée, les passages consultés, les décisions des contrôles, la version des sources, le modèle et l'heure. Le journal ne contient ni votre adresse IP ni un identifiant de votre navigateur; il contient un identifiant de conversation aléatoire.",
              "Each exchange is logged for audit and verification: the question after personal information is automatically masked, the signed answer, the passages consulted, the checks' decisions, the sources' version, the model and the time. The log holds neither your IP address nor an identifier of your browser; it holds a random conversation id.",
            )}
          </li>
          <li>
            {t(
              `Le texte des questions et des réponses est effacé du journal après ${f.retentionDays} jours; les faits non personnels (heure, sources citées, empreintes) restent pour que le journal demeure vérifiable.`,
              `The text of questions and answers is deleted from the log after ${f.retentionDays} days; non-personal facts (time, sources cited, hashes) remain so the log stays verifiable.`,
            )}
          </li>
          <li>
            {t(
              "Dans votre navigateur, la conversation est gardée dans le stockage de session (sessionStorage) pour survivre à un changement de page sur ce site; elle disparaît à la fermeture de l'onglet. Rien d'autre n'y est gardé.",
              "In your browser, the conversation is kept in session storage (sessionStorage) so it survives moving between pages of this site; it disappears when the tab is closed. Nothing else is kept there.",
            )}
          </li>
          <li>
            {t("Hébergement de Scrutin et de son journal : ", "Where Scrutin and its log are hosted: ")}
            {f.hosting.jurisdiction ?? t("non déclaré par l'exploitant", "not declared by the operator")}
            {f.hosting.jurisdiction && outsideQuebec(f.hosting.jurisdiction) ? t(" (hors du Québec)", " (outside Québec)") : ""}
            {" — "}
            {f.hosting.store === "postgres" ? t("base de données PostgreSQL", "PostgreSQL database") : t("base de données intégrée au service", "database embedded in the service")}.
          </li>
        </ul>

        <h2 id="sources">{t("Les sources", "The sources")}</h2>
        <p>
          {t("Version du corpus : ", "Corpus version: ")}
          <code>{f.corpus.version}</code>
          {t(` — ${f.corpus.documents.length} documents rédigés à partir des pages officielles ci-dessous. Chaque réponse enregistre la version utilisée.`, ` — ${f.corpus.documents.length} documents written from the official pages below. Every answer records the version it used.`)}
        </p>
        {byLang("fr").length > 0 ? (
          <>
            <h3>{t("Documents en français", "Documents in French")}</h3>
            <Documents docs={byLang("fr")} lang={lang} />
          </>
        ) : null}
        {byLang("en").length > 0 ? (
          <>
            <h3>{t("Documents en anglais", "Documents in English")}</h3>
            <Documents docs={byLang("en")} lang={lang} />
          </>
        ) : null}
        <h3 id="changelog">{t("Historique des versions", "Version history")}</h3>
        {f.changelog.status === "ok" ? (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("Date", "Date")}</th>
                <th scope="col">{t("Version", "Version")}</th>
                <th scope="col">{t("Changements", "Changes")}</th>
              </tr>
            </thead>
            <tbody>
              {f.changelog.entries.map((e) => (
                <tr>
                  <td>{e.date}</td>
                  <td>
                    <code>{e.version}</code>
                  </td>
                  <td>
                    {e.summary}
                    {e.added.length > 0 ? <div>{t("Ajoutés : ", "Added: ")}{e.added.join(", ")}</div> : null}
                    {e.changed.length > 0 ? <div>{t("Modifiés : ", "Changed: ")}{e.changed.join(", ")}</div> : null}
                    {e.removed.length > 0 ? <div>{t("Retirés : ", "Removed: ")}{e.removed.join(", ")}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : f.changelog.status === "absent" ? (
          <p>{t("Aucun historique n'est publié pour ce corpus.", "No history is published for this corpus.")}</p>
        ) : (
          <p class="warn">{t("L'historique des versions n'a pas pu être lu : ", "The version history could not be read: ")}{f.changelog.error}</p>
        )}

        <h2 id="human">{t("Parler à une personne", "Talking to a person")}</h2>
        <ul>
          <li>
            {t("Pour toute question sur le vote : Élections Québec, ", "For any question about voting: Élections Québec, ")}
            <a href={OFFICIAL.link[lang].url}>{OFFICIAL.domain}</a>
            {t(" ou ", " or ")}
            <a href={`tel:+${OFFICIAL.phoneDigits}`}>{OFFICIAL.phoneDisplay[lang]}</a>.
          </li>
          <li>
            {t(`Pour une question sur cet assistant ou sur vos renseignements personnels (accès, rectification, plainte) : ${party}`, `For a question about this assistant or your personal information (access, correction, complaint): ${party}`)}
            {f.party.contactEmail || contactUrl ? (
              <>
                {", "}
                {f.party.contactEmail ? <a href={`mailto:${f.party.contactEmail}`}>{f.party.contactEmail}</a> : null}
                {f.party.contactEmail && contactUrl ? t(" ou ", " or ") : null}
                {contactUrl ? <a href={contactUrl}>{contactUrl}</a> : null}.
              </>
            ) : (
              <>
                {". "}
                <strong>{t("Le parti n'a pas encore indiqué de coordonnées pour ces demandes.", "The party has not yet provided contact details for these requests.")}</strong>
              </>
            )}
          </li>
          {platformUrl ? (
            <li>
              {t("Pour connaître les engagements du parti (l'assistant n'en parle pas) : ", "To learn about the party's commitments (the assistant does not discuss them): ")}
              <a href={platformUrl}>{platformUrl}</a>.
            </li>
          ) : null}
        </ul>

        <h2 id="commitments">{t("Nos engagements", "Our commitments")}</h2>
        <p>
          {t(
            "Le code de conduite proposé pour l'utilisation de l'IA par les partis politiques du Québec (IVADO et CEIMIA), et comment cet assistant le respecte :",
            "The proposed code of conduct for the use of AI by Québec political parties (IVADO and CEIMIA), and how this assistant meets it:",
          )}
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("Engagement", "Commitment")}</th>
              <th scope="col">{t("Ce que fait Scrutin", "What Scrutin does")}</th>
            </tr>
          </thead>
          <tbody>
            {commitments(f).map((c) => (
              <tr>
                <td>{c.commitment[lang]}</td>
                <td>{c.how[lang]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          {t(
            "L'assistant complète le jugement humain sans le remplacer : des personnes responsables de l'audit examinent le journal, peuvent signaler ou retirer une réponse, et les sources sont rédigées et vérifiées par des personnes à partir des pages officielles.",
            "The assistant complements human judgement without replacing it: people responsible for auditing review the log, can flag or withdraw an answer, and the sources are written and checked by people from the official pages.",
          )}
        </p>
      </main>
    </Layout>
  );
};
