import { NEGATION, OWNED } from './features';
import { stems, type Token } from './text';

// An account emergency is one of a few situations, whatever the product: the user is locked out
// of their account, someone else took it over, the device that holds their second factor is
// gone, the account's owner or only admin is gone, or the whole workspace was deleted by
// mistake. Each is two ideas in one message of the user's (a lost phone and a second factor; an
// owner and leaving), read on folded words (lower case, no accents) in en, de, fr, es, pt and it.
// It only chooses the reason once a human is suggested; it never makes the suggestion itself.

/** Someone else took the account over. */
const HACKED = stems('hack gehackt pirat compromised kompromittiert compromess comprometid invadi violat');
/** Someone (not the user) changed something. */
const SOMEONE = stems('someone somebody jemand quelqu alguien alguem qualcuno they$ han$ hanno trocaram cambiaron mudaram alteraram');
/** The user did not do it: "I didn't request", "an address I don't recognise". */
const NOT_ME = stems('recogni know erkenn kenne reconn conn reconoz conoz riconosc conosc request asked angefordert beantragt demande pedi solicit chiest richiest');
/** Getting into the account (by someone else): "someone logged into my account". */
const ENTERED = stems('logged signed accessed entered control kontrolle eingeloggt angemeldet connecte entrad entrou entrat');
const CHANGED = stems('chang geander modifi cambi mud alter troc');
/** What identifies the user: their login email, password or phone. */
const CREDENTIAL = stems('e?-?mail password passwort kennwort passe correo contrasen clave senha telef phone handynummer numero adresse reset recovery');
/** The account itself. */
const ACCOUNT = stems('account login konto zugang compte cuenta conta$ profil perfil workspace');
/** Outside it: "locked out", "stuck outside my account", "trancado fora". */
const OUT = stems('out$ outside fora$ fuera dehors draussen');
/** Locked, blocked, suspended: only of the account. */
const LOCKED = stems('lock stuck gesperrt ausgesperrt verrouill bloqu blocc tranca suspen sospes banned disabled');
/** Getting in: "can't log in", "komme nicht rein", "no puedo entrar", "non riesco ad accedere". */
const GET_IN = stems('log$ login logg sign$ signin access get$ rein$ einlogg anmeld zugr connect acce entr acess');
/** Codes that should come: "the 2FA codes never arrive". */
const ARRIVE = stems('arriv come ankomm kommen llega chega');
/** A second factor: the app, the codes, the words for it. */
const FACTOR = stems('2fa mfa otp authenti autentica factor faktor facteur fator fattor pasos etapas passaggi recovery backup respaldo recupera secours wiederherstellung verifica');
/** The device or the codes are gone. */
const LOST = stems('lost lose pers[oa]$ stol broke new$ wiped verlor gestohlen kaputt neues weg$ perd vole casse nouveau robad robaron roto nuevo roubad quebr novo$ rubat rott nuovo');
/** Whoever holds the account, or made it. */
const OWNER = stems('owner admin inhaber eigentumer proprietai titulai duen propietari dono$ dona$ proprietari titolare amministra created angelegt erstellt cree$ criou creato');
/** Gone: left, quit, died, retired. */
const GONE = stems('left quit died passed deceased fired resigned retired unreachable deactivated ausgeschieden verlassen gekundigt verstorben gestorben rente ruhestand parti quitte decede licencie demission retraite injoignable fue$ fallecio murio renuncio despedid jubilad saiu faleceu morreu demitid aposent mancat mort andat licenziat dimess pensione irraggiungibile');
/** What a gone owner no longer does: "no longer works here", "reagiert nicht mehr". */
const NO_LONGER = stems('work repl respond trabaj lavora arbeitet travaille answer antwort reagiert repond rispond');
/** Deleted by mistake, the whole workspace or account. */
const DELETED = stems('delet gelosch supprim borr elimin apag exclu cancellat');
const CONTAINER = stems('workspace account konto arbeitsbereich espace compte cuenta espacio conta$ espaco area spazio');
const MISTAKE = stems('accident mistake versehen erreur megarde error querer engano sbaglio');
/** Someone else's account: "her account", "son compte", "a user account" (with `OWNED`: customers, users, students). */
const THEIRS = stems('her$ his$ their$ sein ihr son$ sa$ ses$ leur suo$ sua$ dele$ dela$');

const has = (words: readonly string[], lexicon: RegExp): boolean => words.some((w) => lexicon.test(w));

/** A negation right before a word of `lexicon` (within three words): "can't log in", "kann mich nicht anmelden". */
function negatedBefore(tokens: readonly Token[], lexicon: RegExp): boolean {
  return tokens.some((t, i) => lexicon.test(t.word) && tokens.slice(Math.max(0, i - 3), i).some((n) => NEGATION.has(n.word)));
}

/** Whether the user's message (its sentences) tells of an account emergency of their own. */
export function accountEmergency(sentences: readonly (readonly Token[])[]): boolean {
  const tokens = sentences.flat().filter((t) => !t.quoted);
  const words = tokens.map((t) => t.word);
  // Someone else's account (a customer's, a student's) is not the user's emergency.
  if (words.some((w, i) => ACCOUNT.test(w) && words.slice(Math.max(0, i - 2), i).some((x) => THEIRS.test(x) || OWNED.test(x)))) return false;
  const account = has(words, ACCOUNT);
  // Taken over: hacked, stolen, or someone else changed how the user logs in or got in.
  if (has(words, HACKED) && (account || has(words, CREDENTIAL) || words.includes('been') || words.includes('me'))) return true;
  if (has(words, CHANGED) && has(words, CREDENTIAL) && (has(words, SOMEONE) || negatedBefore(tokens, NOT_ME))) return true;
  if (has(words, SOMEONE) && has(words, ENTERED) && account) return true;
  // Locked out, suspended, or unable to get in.
  if (has(words, LOCKED) && (account || has(words, OUT))) return true;
  if ((account || has(words, CREDENTIAL) || has(words, FACTOR)) && negatedBefore(tokens, GET_IN)) return true;
  // The second factor is gone: a lost or new phone, codes that never come.
  if (has(words, FACTOR) && (has(words, LOST) || negatedBefore(tokens, ARRIVE))) return true;
  for (const sentence of sentences) {
    const w = sentence.map((t) => t.word);
    // The owner, the only admin or whoever created the account is gone.
    const owner = w.findIndex((x) => OWNER.test(x));
    if (owner >= 0 && (w.slice(owner + 1).some((x) => GONE.test(x)) || negatedBefore(sentence.slice(owner + 1), NO_LONGER))) return true;
  }
  // The whole workspace or account deleted by mistake.
  return has(words, DELETED) && has(words, CONTAINER) && has(words, MISTAKE);
}
