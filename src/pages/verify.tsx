/** @jsxImportSource hono/jsx */
import type { FC } from "hono/jsx";
import type { Lang } from "../contract/envelope.js";
import { Layout, ServiceHeader } from "./layout.js";

/** GET /verify: paste an answer (the JSON envelope) and check its signature in the browser. */
export const VerifyPage: FC<{ lang: Lang }> = ({ lang }) => {
  const t = (fr: string, en: string) => (lang === "fr" ? fr : en);
  return (
    <Layout lang={lang} title={t("Vérifier une réponse — Scrutin", "Verify an answer — Scrutin")} scripts={<script src="/verify.js" defer></script>}>
      <a class="skip" href="#main">{t("Aller au contenu", "Skip to content")}</a>
      <ServiceHeader lang={lang} path="/verify" />
      <main id="main">
        <h1>{t("Vérifier une réponse", "Verify an answer")}</h1>
        <p class="lead">
          {t(
            "Chaque réponse de Scrutin est signée. Collez ici une réponse complète (son JSON, tel que renvoyé par l'API ou exporté du journal) : votre navigateur vérifie la signature Ed25519 avec les clés publiques, sans faire confiance au serveur pour le résultat.",
            "Every Scrutin answer is signed. Paste a complete answer here (its JSON, as returned by the API or exported from the log): your browser checks the Ed25519 signature with the public keys, without trusting the server for the result.",
          )}
        </p>
        <form id="verify-form">
          <label for="envelope">{t("Réponse (JSON)", "Answer (JSON)")}</label>
          <textarea id="envelope" name="envelope" spellcheck={false} required></textarea>
          <label for="keys">{t("Clés publiques (facultatif : un jeu de clés JWK obtenu par vous-même; sinon celles de /api/keys)", "Public keys (optional: a JWK set you obtained yourself; otherwise those at /api/keys)")}</label>
          <textarea id="keys" name="keys" spellcheck={false}></textarea>
          <button type="submit" class="primary">{t("Vérifier la signature", "Check the signature")}</button>
        </form>
        <p id="verify-result" role="status" aria-live="polite"></p>
        <h2>{t("Ce que la vérification prouve", "What the check proves")}</h2>
        <p>
          {t(
            "Une signature valide prouve que le texte, les sources citées, l'étiquette et les métadonnées n'ont pas changé depuis que Scrutin a produit la réponse. Elle ne prouve pas que l'information est encore à jour : en cas de doute, consultez Élections Québec.",
            "A valid signature proves that the text, the sources cited, the label and the metadata have not changed since Scrutin produced the answer. It does not prove the information is still current: when in doubt, check with Élections Québec.",
          )}
        </p>
        <p>
          {t("Méthode : la réponse sans son champ « signature » est mise sous forme JSON canonique (RFC 8785), puis la signature Ed25519 est vérifiée avec la clé publique nommée par « signature.keyId ». ", "Method: the answer without its \"signature\" field is put in canonical JSON form (RFC 8785), then the Ed25519 signature is checked with the public key named by \"signature.keyId\". ")}
          <a href="/api/keys">/api/keys</a> · <a href={`/transparency?lang=${lang}#verify`}>{t("Transparence", "Transparency")}</a>
        </p>
      </main>
    </Layout>
  );
};
