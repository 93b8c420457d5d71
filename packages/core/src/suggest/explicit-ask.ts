import { NEGATION, OWNED } from './features';
import type { Token } from './text';

// A plain ask for a person must never depend on what a model happened to learn: "Can I speak to
// a human?" is a request in every product. This reads the ask's structure instead of phrases, on
// folded words (lower case, no accents) in en, de, fr, es, pt and it: someone the user wants
// (a person, an agent, support), and either a wish or request ("I want", "can I", "get me")
// reaching a verb of talking, or a wish for the person directly ("I need a human"). A negation
// in the clause ("I don't need a human", "no necesito") or someone else as the subject (their
// customers, their bot) means it is not the user asking.

const words = (list: string): ReadonlySet<string> => new Set(list.split(' '));

/** Whom a user asks for. */
const PEOPLE = words(
  'human humans person people agent agents someone somebody representative rep operator support staff team ' +
    'mensch menschen menschlichen mitarbeiter mitarbeiterin mitarbeitern jemand jemandem jemanden berater kundendienst kundenservice ' +
    'humain personne quelqu conseiller conseillere operateur ' +
    'humano humana persona alguien agente operador asesor soporte ' +
    'pessoa alguem atendente suporte ' +
    'umano operatore qualcuno consulente assistenza supporto',
);

/** Of those, the ones that name a person without a verb: "I need a human" (not "I need someone to explain"). */
const PERSON_ITSELF = words('human person agent representative operator mensch menschen mitarbeiter humain humano humana persona pessoa atendente umano operatore');

/** Verbs of talking to, or reaching, someone. */
const TALK = words(
  'talk speak chat contact reach call ' +
    'sprechen reden verbinden kontaktieren chatten telefonieren ' +
    'parler discuter joindre contacter appeler ' +
    'hablar contactar comunicarme charlar llamar ' +
    'falar conversar contatar ligar ' +
    'parlare contattare chiamare sentire',
);

/** A wish or a request the user makes: "I want", "can I", "get me", "ich möchte", "puedo". */
const ASKING = words(
  'want wanna need like can could may let get put connect transfer ' +
    'mochte will kann konnte brauche mochten verbinden ' +
    'veux voudrais peux pourrais puis souhaite aimerais besoin passez ' +
    'quiero quisiera necesito puedo podria pasame pasenme comuniqueme ' +
    'quero queria preciso posso poderia gostaria passa ' +
    'voglio vorrei posso potrei bisogno passami',
);

/** Of those, the ones that take the person directly. */
const WANTING = words('want need get mochte will brauche veux voudrais besoin quiero quisiera necesito quero queria preciso voglio vorrei bisogno');

/** Someone else wanting the person: the user's bot or its callers (customers and users are `OWNED`). */
const OTHERS = words('bot bots chatbot caller callers visitor visitors visitantes');

/** Words that may follow a person asked for ("I need a human now"); anything else makes it a compound ("a human review step", "the support API"). */
const AFTER = words('please pls plz now asap real live right being urgently immediately bitte sofort echten echte vrai maintenant favor ya reale vero vera subito agora');

/** Other words that may follow the person: "talk to support about my bill", "a human I can talk to", "someone who can help". */
const LINK = words('about for from with regarding on to in von sobre para por con acerca uber wegen zu mit sur pour avec au de a per su di com do da un i we ich wir je nous yo eu io that who which que qui che der die');

/** Words asked for alone: "agent", "human please", "un humano por favor". */
const ALONE = words('please pls plz bitte por favor favore a an real live un una um uma ein einen echten einem vero vera');

/** How many words may stand between the wish and the person ("I'd like to speak with a real person"). */
const REACH = 6;

/** Whether the user asks for a person in this sentence. */
export function asksForPerson(sentence: readonly Token[]): boolean {
  const said = sentence.filter((t) => !t.quoted);
  if (said.some((t) => OTHERS.has(t.word) || OWNED.test(t.word))) return false;
  if (said.length <= 4 && said.some((t) => PERSON_ITSELF.has(t.word)) && said.every((t) => PERSON_ITSELF.has(t.word) || ALONE.has(t.word))) return true;
  for (let p = 0; p < said.length; p++) {
    const person = said[p]!;
    if (!PEOPLE.has(person.word)) continue;
    const clause = said.filter((t, i) => t.clause === person.clause && Math.abs(i - p) <= REACH);
    const at = clause.indexOf(person);
    // The wish may stand up to REACH words before the verb rather than the person: "can I just talk to a real person".
    const verb = said.findIndex((t, i) => TALK.has(t.word) && t.clause === person.clause && Math.abs(i - p) <= REACH);
    const before = said.slice(Math.max(0, Math.min(p, verb < 0 ? p : verb) - REACH), p).filter((t) => t.clause === person.clause);
    if (before.some((t) => NEGATION.has(t.word))) continue;
    const next = clause[at + 1];
    if (next && !AFTER.has(next.word) && !LINK.has(next.word) && !PEOPLE.has(next.word) && !TALK.has(next.word) && !ASKING.has(next.word)) continue;
    // A verb of talking and a wish around the person: "can I speak to a human", "is there a
    // human I can talk to", "kann ich mit jemandem sprechen", "talk to a person" (an imperative).
    const talkAt = clause.findIndex((t) => TALK.has(t.word));
    if (talkAt >= 0 && (talkAt === 0 || clause.some((t) => ASKING.has(t.word)) || before.some((t) => ASKING.has(t.word)))) return true;
    // A wish for the person itself, nothing after it but "please" or "now": "I need a human now".
    if (PERSON_ITSELF.has(person.word) && clause.slice(0, at).some((t) => WANTING.has(t.word)) && (!next || AFTER.has(next.word))) return true;
  }
  return false;
}
