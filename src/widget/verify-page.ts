import { isRecord, parseJson } from "./envelope.js";
import { fetchKeys, parseJwkSet, verifyEnvelope, type PublicJwk, type VerifyResult } from "./verify.js";

/**
 * The /verify page's script: anyone pastes an envelope (and, optionally, a JWK set they
 * obtained independently) and the browser checks the signature with the widget's code.
 */
const T = {
  fr: {
    notJson: "Le texte collé n'est pas du JSON valide.",
    keysNotJson: "Les clés collées ne forment pas un jeu de clés JWK valide.",
    noKeys: "Les clés publiques n'ont pas pu être téléchargées.",
    checking: "Vérification…",
    valid: (kid: string) => `Signature valide. Cette réponse est exactement celle que Scrutin a produite et signée avec la clé ${kid}.`,
    invalid: {
      malformed: "Signature invalide : ce texte n'est pas une réponse signée par Scrutin (champ signature manquant ou mal formé).",
      "unknown-key": "Signature invalide : la clé indiquée ne fait pas partie des clés publiques de ce service.",
      signature: "Signature invalide : la réponse a été modifiée depuis sa signature, ou n'a pas été signée par ce service.",
    },
    unavailable: "Vérification impossible : ce navigateur ne prend pas en charge Ed25519 dans Web Crypto.",
  },
  en: {
    notJson: "The pasted text is not valid JSON.",
    keysNotJson: "The pasted keys are not a valid JWK set.",
    noKeys: "The public keys could not be downloaded.",
    checking: "Checking…",
    valid: (kid: string) => `Valid signature. This answer is exactly what Scrutin produced and signed with key ${kid}.`,
    invalid: {
      malformed: "Invalid signature: this text is not an answer signed by Scrutin (signature missing or malformed).",
      "unknown-key": "Invalid signature: the key it names is not one of this service's public keys.",
      signature: "Invalid signature: the answer was changed after it was signed, or was not signed by this service.",
    },
    unavailable: "Cannot check: this browser's Web Crypto does not support Ed25519.",
  },
};

function message(r: VerifyResult, t: (typeof T)["fr"]): string {
  if (r.status === "valid") return t.valid(r.keyId);
  if (r.status === "invalid") return t.invalid[r.reason];
  return r.reason === "network" ? t.noKeys : t.unavailable;
}

async function check(envelopeText: string, keysText: string, t: (typeof T)["fr"]): Promise<{ state: string; text: string }> {
  const env = parseJson(envelopeText.trim());
  if (!env.ok || !isRecord(env.value)) return { state: "invalid", text: t.notJson };
  let keys: PublicJwk[] | null;
  if (keysText.trim()) {
    const parsed = parseJson(keysText.trim());
    keys = parsed.ok ? parseJwkSet(parsed.value) : null;
    if (!keys) return { state: "invalid", text: t.keysNotJson };
  } else {
    keys = await fetchKeys(location.origin);
    if (!keys) return { state: "unavailable", text: t.noKeys };
  }
  const r = await verifyEnvelope(env.value, keys);
  return { state: r.status, text: message(r, t) };
}

function start(): void {
  const form = document.getElementById("verify-form");
  const envelope = document.getElementById("envelope");
  const keys = document.getElementById("keys");
  const result = document.getElementById("verify-result");
  if (!(form instanceof HTMLFormElement) || !(envelope instanceof HTMLTextAreaElement) || !(keys instanceof HTMLTextAreaElement) || !result) return;
  const t = document.documentElement.lang === "en" ? T.en : T.fr;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    result.removeAttribute("data-result");
    result.textContent = t.checking;
    void check(envelope.value, keys.value, t).then(({ state, text }) => {
      result.setAttribute("data-result", state);
      result.textContent = text;
    });
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
else start();
