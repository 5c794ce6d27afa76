import type { StoreReport } from "../log/verify-store.js";
import type { Principal } from "./principal.js";
import type { TurnPage } from "./search.js";
import type { TurnDetail } from "./turn-detail.js";
import { KIND_LABEL, LANG_LABEL, Layout, Notice, When } from "./ui-layout.js";

type Ctx = { principal: Principal; csrf: string };

export function LoginPage(props: { csrf: string; next: string; error?: string | undefined }) {
  return (
    <Layout title="Connexion">
      <h1>Connexion au registre d'audit</h1>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <p>Entrez le jeton d'audit qui vous a été remis. Chaque consultation du registre est elle-même inscrite au registre.</p>
      <form method="post" action="/audit/login">
        <input type="hidden" name="csrf" value={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <fieldset>
          <legend>Jeton d'audit</legend>
          <label>
            Jeton
            <input type="password" name="token" required autocomplete="off" size={60} autofocus />
          </label>
          <button type="submit">Se connecter</button>
        </fieldset>
      </form>
    </Layout>
  );
}

export interface ListQuery {
  from?: string | undefined;
  to?: string | undefined;
  lang?: string | undefined;
  kind?: string | undefined;
  flagged?: string | undefined;
  status?: string | undefined;
  conversation?: string | undefined;
  q?: string | undefined;
}

function Select(props: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">Tous</option>
        {props.options.map(([v, l]) => (
          <option value={v} selected={props.value === v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ListPage(props: Ctx & { query: ListQuery; page: TurnPage | null; error?: string | undefined; done?: string | undefined; nextHref: string | null }) {
  const q = props.query;
  return (
    <Layout title="Échanges" principal={props.principal} csrf={props.csrf}>
      <h1>Échanges consignés</h1>
      {props.done ? <Notice>{props.done}</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <form method="get" action="/audit" role="search">
        <fieldset>
          <legend>Filtrer</legend>
          <label>
            Du
            <input type="date" name="from" value={q.from ?? ""} />
          </label>
          <label>
            Au (inclus)
            <input type="date" name="to" value={q.to ?? ""} />
          </label>
          <Select name="lang" label="Langue" value={q.lang} options={[["fr", "français"], ["en", "anglais"]]} />
          <Select name="kind" label="Type" value={q.kind} options={[["answer", "réponse"], ["abstain", "abstention"], ["refusal", "refus"]]} />
          <Select name="flagged" label="Signalement" value={q.flagged} options={[["true", "signalés"], ["false", "non signalés"]]} />
          <Select name="status" label="Statut" value={q.status} options={[["published", "publiés"], ["withdrawn", "retirés"], ["purged", "textes purgés"]]} />
          <label>
            Conversation
            <input type="text" name="conversation" value={q.conversation ?? ""} size={20} />
          </label>
          <label>
            Texte (question ou réponse)
            <input type="search" name="q" value={q.q ?? ""} size={24} />
          </label>
          <button type="submit">Rechercher</button>
        </fieldset>
      </form>
      {props.page ? <TurnTable page={props.page} nextHref={props.nextHref} /> : null}
    </Layout>
  );
}

function TurnTable(props: { page: TurnPage; nextHref: string | null }) {
  if (props.page.items.length === 0) return <p>Aucun échange ne correspond à ces critères.</p>;
  return (
    <>
      <table>
        <caption>{`${props.page.items.length} échange(s), du plus récent au plus ancien (heure du Québec)`}</caption>
        <thead>
          <tr>
            <th scope="col">Rang</th>
            <th scope="col">Date</th>
            <th scope="col">Langue</th>
            <th scope="col">Type</th>
            <th scope="col">Question (caviardée)</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {props.page.items.map((t) => (
            <tr>
              <td>{t.seq}</td>
              <td>
                <When iso={t.createdAt} />
              </td>
              <td>{LANG_LABEL[t.lang ?? ""] ?? t.lang}</td>
              <td>{KIND_LABEL[t.kind ?? ""] ?? t.kind}</td>
              <td lang={t.lang ?? undefined}>
                <a href={`/audit/turns/${encodeURIComponent(t.turnId)}`}>{t.question ?? "(texte purgé)"}</a>
              </td>
              <td>
                {t.status === "withdrawn" ? <span class="badge bad">retiré</span> : null}
                {t.flagged ? <span class="badge warn">signalé</span> : null}
                {t.purged ? <span class="badge muted">purgé</span> : null}
                {t.status !== "withdrawn" && !t.flagged && !t.purged ? <span class="muted">publié</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.nextHref ? (
        <p>
          <a href={props.nextHref}>Échanges plus anciens</a>
        </p>
      ) : null}
    </>
  );
}

const PASSAGE_FROM: Record<string, string> = {
  current: "Passage du corpus chargé, celui qui a servi à la réponse.",
  unchanged: "La réponse a été produite avec une autre version du corpus; ce passage y est identique (même identifiant à empreinte de contenu).",
  "other-version":
    "Ce passage appartient à une autre version du corpus, qui n'est plus chargée : seule la citation textuelle signée et l'adresse officielle sont disponibles.",
};

const SIGNATURE_LABEL: Record<string, [string, string]> = {
  valid: ["Signature Ed25519 valide", "ok"],
  invalid: ["Signature invalide : l'enveloppe a été modifiée", "bad"],
  "unknown-key": ["Signée par une clé inconnue", "bad"],
  purged: ["Textes purgés : la signature ne peut plus être vérifiée (retrait voulu, l'empreinte demeure dans la chaîne)", "muted"],
};

export function TurnPageView(props: Ctx & { turn: TurnDetail; done?: string | undefined; error?: string | undefined }) {
  const t = props.turn;
  const env = t.envelope;
  const text = typeof env?.text === "string" ? env.text : null;
  const label = typeof env?.label === "object" && env.label !== null && "text" in env.label && typeof env.label.text === "string" ? env.label.text : null;
  const h = t.header;
  const [sigText, sigClass] = SIGNATURE_LABEL[t.verification.signature] ?? ["?", "muted"];
  const isAdmin = props.principal.role === "admin";
  const guard = typeof h.guard === "object" && h.guard !== null ? (h.guard as { category?: unknown; verdicts?: unknown }) : null;
  const verdicts = Array.isArray(guard?.verdicts) ? (guard.verdicts as Record<string, unknown>[]) : [];
  const retrieval = typeof h.retrieval === "object" && h.retrieval !== null ? (h.retrieval as { hits?: unknown }) : null;
  const hits = Array.isArray(retrieval?.hits) ? (retrieval.hits as Record<string, unknown>[]) : [];
  // Details quoting text live in the purgeable body (diagnostics); the header keeps step names only.
  const trail = (Array.isArray(t.diagnostics?.trail) ? t.diagnostics.trail : Array.isArray(h.trail) ? h.trail : []) as Record<string, unknown>[];
  const verdictDetails = new Map(
    (Array.isArray(t.diagnostics?.verdicts) ? (t.diagnostics.verdicts as Record<string, unknown>[]) : []).map((v) => [String(v.name), String(v.detail ?? "")]),
  );
  return (
    <Layout title={`Échange ${t.seq}`} principal={props.principal} csrf={props.csrf}>
      <h1>
        Échange n<sup>o</sup> {t.seq}{" "}
        {t.status === "withdrawn" ? <span class="badge bad">retiré</span> : null}
        {t.events.some((e) => e.type === "flag") ? <span class="badge warn">signalé</span> : null}
      </h1>
      {props.done ? <Notice>{props.done}</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <dl class="meta">
        <dt>Date</dt>
        <dd>
          <When iso={t.createdAt} />
        </dd>
        <dt>Identifiant</dt>
        <dd class="mono">{t.turnId}</dd>
        <dt>Conversation</dt>
        <dd class="mono">{t.conversationId ? <a href={`/audit?conversation=${encodeURIComponent(t.conversationId)}`}>{t.conversationId}</a> : "—"}</dd>
        <dt>Langue, type</dt>
        <dd>
          {LANG_LABEL[t.lang ?? ""] ?? t.lang}, {KIND_LABEL[t.kind ?? ""] ?? t.kind}
        </dd>
        <dt>Production</dt>
        <dd>
          {String(h.generator ?? "?")}, modèle {String(h.model ?? "?")}, gabarit {String(h.promptVersion ?? "?")}, {String(h.latencyMs ?? "?")} ms
        </dd>
        <dt>Version du corpus</dt>
        <dd class="mono">
          {t.corpus.turnVersion ?? "?"} {t.corpus.turnVersion === t.corpus.loadedVersion ? "(version chargée)" : `(chargée : ${t.corpus.loadedVersion})`}
        </dd>
        <dt>Signature</dt>
        <dd class={sigClass}>
          {sigText} {t.verification.keyId ? <span class="mono">(clé {t.verification.keyId})</span> : null}
        </dd>
        <dt>Empreintes de la ligne</dt>
        <dd>
          {t.verification.rowHashMatches ? <span class="ok">concordantes</span> : <span class="bad">discordantes</span>}
          {t.verification.bodyMatchesHash === false || t.verification.envelopeMatchesHeader === false ? <span class="bad"> — contenu modifié</span> : null}{" "}
          <span class="muted">(la chaîne entière se vérifie dans « Vérification »)</span>
        </dd>
        <dt>Empreinte</dt>
        <dd class="mono">{t.hash}</dd>
      </dl>

      <h2>Question (caviardée)</h2>
      {t.question !== null ? (
        <p class="answer" lang={t.lang ?? undefined}>
          {t.question}
        </p>
      ) : (
        <p class="muted">Texte purgé (délai de conservation ou demande d'effacement).</p>
      )}

      <h2>Réponse et passages cités</h2>
      <div class="pair">
        <section aria-labelledby="reponse">
          <h3 id="reponse">Réponse telle que présentée</h3>
          {text !== null ? (
            <div class="answer" lang={t.lang ?? undefined}>
              {text}
            </div>
          ) : (
            <p class="muted">Texte purgé.</p>
          )}
          {label ? (
            <p>
              <strong>Étiquette IA :</strong> <span lang={t.lang ?? undefined}>{label}</span>
            </p>
          ) : null}
        </section>
        <section aria-labelledby="passages">
          <h3 id="passages">Passages cités</h3>
          {t.passages.length === 0 ? <p>Aucune citation (abstention ou refus).</p> : null}
          {t.passages.map((p) => (
            <div class="citation">
              <h4>
                [{p.n}] {p.title ?? p.sourceId}
              </h4>
              <p>
                Source officielle : <a href={p.url} rel="noopener noreferrer">{p.url}</a>
              </p>
              {p.quote ? (
                <>
                  <p class="muted">Citation signée :</p>
                  <blockquote lang={t.lang ?? undefined}>{p.quote}</blockquote>
                </>
              ) : null}
              <p class="muted">{PASSAGE_FROM[p.passageFrom]}</p>
              {p.passage ? (
                <div class="passage" lang={t.lang ?? undefined}>
                  <strong>{p.passage.heading}</strong>
                  {"\n"}
                  {p.passage.text}
                </div>
              ) : null}
              <p class="mono muted">{p.chunkId}</p>
            </div>
          ))}
        </section>
      </div>

      <h2>Garde-fous</h2>
      <p>Catégorie retenue : {String(guard?.category ?? "?")}</p>
      <table>
        <caption>Verdicts des contrôles</caption>
        <thead>
          <tr>
            <th scope="col">Contrôle</th>
            <th scope="col">Déclenché</th>
            <th scope="col">Catégorie</th>
          </tr>
        </thead>
        <tbody>
          {verdicts.map((v) => (
            <tr>
              <td class="mono">{String(v.name ?? "")}</td>
              <td>
                {v.triggered ? "oui" : "non"}
                {verdictDetails.get(String(v.name)) ? <span class="muted"> ({verdictDetails.get(String(v.name))})</span> : null}
              </td>
              <td>{String(v.category ?? "")}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Déroulement de la composition</h2>
      {trail.length === 0 ? (
        <p>Aucune étape consignée.</p>
      ) : (
        <ol>
          {trail.map((step) => (
            <li>
              <span class="mono">{String(step.step ?? "")}</span>
              {typeof step.detail === "string" ? ` — ${step.detail}` : Array.isArray(step.kinds) ? ` — ${step.kinds.join(", ")}` : null}
            </li>
          ))}
        </ol>
      )}
      {t.diagnostics === null && t.purged ? <p class="muted">Les détails textuels (extraits de la question ou du texte rejeté) ont été purgés avec les textes.</p> : null}

      <h2>Passages récupérés</h2>
      {hits.length === 0 ? (
        <p>Aucune recherche dans le corpus (question refusée).</p>
      ) : (
        <table>
          <caption>Résultats de la recherche hybride, par score fusionné</caption>
          <thead>
            <tr>
              <th scope="col">Passage</th>
              <th scope="col">Score</th>
              <th scope="col">BM25 (rang)</th>
              <th scope="col">Vecteurs (rang)</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((hit) => {
              const bm25 = (hit.bm25 ?? {}) as { rank?: unknown };
              const vector = (hit.vector ?? {}) as { rank?: unknown };
              return (
                <tr>
                  <td class="mono">{String(hit.chunkId ?? "")}</td>
                  <td>{String(hit.score ?? "")}</td>
                  <td>{String(bm25.rank ?? "—")}</td>
                  <td>{String(vector.rank ?? "—")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h2>Événements ultérieurs</h2>
      {t.events.length === 0 ? (
        <p>Aucun.</p>
      ) : (
        <ul>
          {t.events.map((e) => {
            const actor = (e.header.actor ?? {}) as { name?: unknown; role?: unknown };
            return (
              <li>
                <When iso={e.createdAt} /> — {e.type === "flag" ? "signalé" : e.type === "takedown" ? "retiré" : e.type} par {String(actor.name ?? "?")} ({String(actor.role ?? "?")}) :{" "}
                {String(e.header.reason ?? "")} <span class="muted">(rang {e.seq})</span>
              </li>
            );
          })}
        </ul>
      )}

      <h2>Actions</h2>
      <div class="actions">
        <form method="post" action={`/audit/turns/${encodeURIComponent(t.turnId)}/flag`}>
          <input type="hidden" name="csrf" value={props.csrf} />
          <h3>Signaler</h3>
          <label>
            Motif du signalement
            <textarea name="reason" required minlength={3} maxlength={2000}></textarea>
          </label>
          <p>
            <button type="submit">Signaler cet échange</button>
          </p>
        </form>
        {isAdmin ? (
          <form method="post" action={`/audit/turns/${encodeURIComponent(t.turnId)}/takedown`}>
            <input type="hidden" name="csrf" value={props.csrf} />
            <h3>Retirer</h3>
            <label>
              Motif du retrait
              <textarea name="reason" required minlength={3} maxlength={2000}></textarea>
            </label>
            <p>
              <button type="submit" class="danger" disabled={t.status === "withdrawn"}>
                Retirer cette réponse
              </button>
            </p>
          </form>
        ) : (
          <p class="muted">Le retrait d'une réponse et l'effacement d'une conversation sont réservés au rôle administration.</p>
        )}
        {isAdmin && t.conversationId ? (
          <form method="post" action={`/audit/conversations/${encodeURIComponent(t.conversationId)}/erase`}>
            <input type="hidden" name="csrf" value={props.csrf} />
            <h3>Effacer la conversation</h3>
            <p>Demande d'effacement d'une personne concernée : les questions et réponses de toute la conversation sont supprimées; les empreintes restent.</p>
            <label>
              Motif (sans renseignement personnel)
              <textarea name="reason" required minlength={3} maxlength={2000}></textarea>
            </label>
            <p>
              <button type="submit" class="danger">
                Effacer les textes de la conversation
              </button>
            </p>
          </form>
        ) : null}
      </div>
    </Layout>
  );
}

export function ExportPage(props: Ctx & { error?: string | undefined }) {
  return (
    <Layout title="Exportation" principal={props.principal} csrf={props.csrf}>
      <h1>Exporter le registre</h1>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <p>
        Le paquet (NDJSON) contient les lignes telles qu'elles sont stockées, les clés publiques et un manifeste signé. Il se vérifie hors ligne :{" "}
        <code>npm run audit -- verify-export fichier.ndjson</code>. Conservez-le : il permet de détecter plus tard une chaîne raccourcie ou réécrite.
      </p>
      <form method="get" action="/audit/export/download">
        <fieldset>
          <legend>Période (facultative)</legend>
          <label>
            Du
            <input type="date" name="from" />
          </label>
          <label>
            Au (inclus)
            <input type="date" name="to" />
          </label>
          <label>
            Réponses retirées
            <select name="withhold">
              <option value="">inclure leur texte (pour l'audit)</option>
              <option value="withdrawn">omettre leur texte (pour publication)</option>
            </select>
          </label>
          <button type="submit">Télécharger le paquet</button>
        </fieldset>
      </form>
    </Layout>
  );
}

export function VerifyPage(props: Ctx & { report: StoreReport; text: string }) {
  const r = props.report;
  return (
    <Layout title="Vérification" principal={props.principal} csrf={props.csrf}>
      <h1>Vérification de la chaîne</h1>
      {r.ok ? (
        <Notice>
          Chaîne intègre : {r.counts.events} événements, {r.counts.signaturesValid} signatures valides, {r.counts.purged} textes purgés.
        </Notice>
      ) : (
        <Notice kind="error">
          Chaîne compromise. Première ligne fautive : {r.firstBad?.seq} ({r.firstBad?.kind}) — {r.firstBad?.message}
        </Notice>
      )}
      <h2>Rapport</h2>
      <pre class="answer">{props.text}</pre>
      {r.warnings.length > 0 ? (
        <>
          <h2>Avertissements</h2>
          <ul>
            {r.warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

export function ErrorPage(props: { status: number; message: string; principal?: Principal | undefined; csrf?: string | undefined }) {
  const title = props.status === 403 ? "Accès refusé" : props.status === 404 ? "Introuvable" : props.status === 400 ? "Requête invalide" : "Erreur";
  return (
    <Layout title={title} principal={props.principal} csrf={props.csrf}>
      <h1>{title}</h1>
      <Notice kind="error">{props.message}</Notice>
      <p>
        <a href="/audit">Retour aux échanges</a>
      </p>
    </Layout>
  );
}
