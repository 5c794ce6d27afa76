/**
 * Attempts to turn the voter's message into instructions: change the role, reveal the
 * prompt, drop the label, the citations or the link, or make the answer carry a URL or a
 * message of the sender's choosing. Matched on normalised text anywhere in the message, so
 * an attack buried in the middle of a long message is found like a short one.
 */
const RULES: { name: string; re: RegExp }[] = [
  {
    name: "override",
    re: /\b(?:ignore[rsz]?|oublie[rsz]?|disregard|forget|neglige[rsz]?|override|bypass|contourne[rsz]?|annule[rsz]?)\b.{0,60}\b(?:instructions?|regles?|rules?|consignes?|prompts?|directives?|previous|precedente?s?|above|ci-dessus|system|systeme|guidelines?|restrictions?|limites?|filters?|filtres?)\b/,
  },
  {
    name: "reveal_prompt",
    re: /\b(?:system prompt|system message|prompt systeme|message systeme|invite systeme|initial prompt|hidden prompt|developer message|your (?:instructions|prompt|rules|guidelines|system|directives|configuration|initial)|tes (?:instructions|consignes|regles|directives)|vos (?:instructions|consignes|regles|directives)|(?:repeat|print|show|reveal|display|output|dump|leak|recite|affiche|revele|repete|montre|imprime|donne)[- ](?:moi |me )?(?:the |tes |vos |les |ton |votre |your )?(?:text|texte|words|mots|everything|tout|instructions|prompt|consignes|regles) (?:above|ci-dessus|before|precedent|that (?:you were|were) given|recues?))\b|\bwhat (?:were you|are you) (?:told|instructed|programmed)\b|\bqu'est-ce qu'on t'a (?:dit|demande|programme)\b/,
  },
  {
    name: "reveal_prompt_short",
    re: /\b(?:reveal|show|print|display|dump|leak|output|translate|summari[sz]e|affiche\w*|revele\w*|montre\w*|donne\w*|tradui\w*|resume\w*)[- ](?:moi |me |us |nous )?(?:the |your |ton |tes |vos |votre |le |les |ta )?(?:hidden |secret |internal |initial |original |system |internes? |cachee?s? |secrete?s? )*(?:prompt|instructions|consignes|directives|rules|regles|system message|configuration)\b/,
  },
  {
    name: "role_change",
    re: /\b(?:you are now|you're now|from now on|starting now|desormais|dorenavant|a partir de maintenant|tu es maintenant|vous etes maintenant|act as|acting as|agis comme|agissez comme|joue le role|play the role|role-?play|pretend (?:to be|you are|you're)|fais semblant|faites semblant|imagine (?:que tu es|you are)|jailbreak|dan mode|do anything now|developer mode|mode developpeur|mode admin|admin mode|sudo|unfiltered|sans filtre|new (?:rules?|instructions?|personas?|directives?)\s*[:=]|nouvelles? (?:regles?|consignes?|instructions?|personnalites?|directives?)\s*[:=]|(?:here are|voici|follow|suis|suivez|applique\w*|obey|obeis\w*) (?:the |these |my |les |ces |mes )?(?:new (?:rules|instructions)|nouvelles (?:regles|consignes|instructions))|admin override|override mode|begin (?:admin|system|override)|disable (?:your |the )?(?:safety|filters?|guardrails?|rules|restrictions)|desactive\w* (?:tes |les |vos )?(?:filtres?|regles|securite|restrictions))\b/,
  },
  {
    name: "dictated_stance",
    re: /\b(?:assistant|you|tu|vous|l'assistant|scrutin|chatbot|bot)\b.{0,25}\b(?:must|should|will|shall|doit|dois|devez|devra|devras)\s+(?:now\s+|maintenant\s+|desormais\s+|dorenavant\s+|toujours\s+|always\s+)?(?:endorse|promote|recommend|support|campaign|favou?r|recommander|appuyer|promouvoir|faire campagne|favoriser|dire que)\b/,
  },
  {
    name: "drop_contract",
    re: /\b(?:without|sans|no|pas de|aucune?|remove|retire[rsz]?|enleve[rsz]?|supprime[rsz]?|drop|omit|omets?|skip|hide|cache[rsz]?|don't (?:include|add|show|put)|ne (?:mets?|mettez|ajoute|ajoutez|montre|inclus|incluez) pas)\b.{0,30}\b(?:label|etiquette|disclaimer|avertissement|citations?|signature|footer|pied de page)\b|\b(?:without|sans|remove|retire[rsz]?|enleve[rsz]?|supprime[rsz]?|drop|omit|omets?|skip|hide|don't (?:include|add|show|put|mention)|ne (?:mets?|mettez|ajoute|ajoutez|montre|inclus|incluez|mentionne) pas)\b.{0,30}\b(?:sources?|liens?|links?|urls?|mention|reference to elections quebec)\b(?! (?:fiable|officiel|reliable|official))/,
  },
  {
    name: "injected_output",
    // An instruction to write something: a URL, a phone number or words dictated by the sender.
    re: /\b(?:include|add|insert|put|write|output|append|end with|finish with|reply with|respond with|answer with|always say|inclus|incluez|ajoute[rsz]?|insere[rsz]?|mets|mettez|ecris|ecrivez|termine[rsz]? (?:par|avec)|reponds? (?:avec|par|seulement)|repondez (?:avec|par)|dis toujours)\b.{0,80}(?:https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|net|org|info|ca|io|xyz|ly)\b|\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b|\bexactly\b|\bexactement\b|\bverbatim\b|\bmot pour mot\b)/,
  },
  {
    name: "dictated_form",
    // "answer only with X", "add a footer that says…": the sender writes the answer.
    re: /\b(?:answer|reply|respond|reponds?|repondez)\s+(?:only|just|uniquement|seulement|simplement)\s+(?:with|by|using|par|avec)\b|\b(?:add|append|put|include|insert|ajoute\w*|mets|mettez|insere\w*|inclu\w*)\b.{0,30}\b(?:footer|header|signature|at the end|at the top|a la fin|en bas|en haut|pied de page|en-tete|p\.?s\.?)\b/,
  },
  {
    name: "markup",
    // Role markers and fences that try to close our <question> block or open a fake system turn.
    re: /<\/?\s*(?:system|assistant|question|passage|instructions?|im_start|im_end)\b|\[\/?(?:inst|system)\]|<\|[a-z_]+\|>|^\s*(?:system|assistant|systeme)\s*:|\n\s*(?:system|assistant|systeme)\s*:|#{2,}\s*(?:system|instructions?|new rules?)/m,
  },
];

/** The rules' patterns, for the stream screen's hold (stream-hold.ts). */
export const INJECTION_PATTERNS: readonly RegExp[] = RULES.map((r) => r.re);

/**
 * `f` is the normalised message; `lines`, when given, is the folded message with its line
 * breaks, for markers that only mean something at the start of a line ("system:").
 */
export function detectInjection(f: string, lines = f): { name: string; detail: string } | null {
  for (const r of RULES) {
    const m = r.re.exec(r.name === "markup" ? lines : f);
    if (m) return { name: r.name, detail: m[0].slice(0, 80) };
  }
  return null;
}

/** A follow-up that only makes sense as "carry out what I asked before". */
export const CARRY_ON = /^(?:\W*)(?:ok(?:ay)?|d'accord|go ahead|vas-y|allez-y|do it|fais-le|faites-le|proceed|continue|now do (?:it|that|what i (?:said|asked))|maintenant fais (?:ce que|le)|as (?:agreed|i said|instructed)|comme (?:convenu|je t'ai dit|demande)|remember (?:my|the) (?:rule|instruction)|n'oublie pas (?:ma|la) (?:regle|consigne))\b/;
