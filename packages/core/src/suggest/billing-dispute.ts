import { OWNED } from './features';
import { stems, type Token } from './text';

// A billing dispute is money taken from the user that they dispute, whatever the product: charged
// twice, charged the wrong amount or plan, still charged after cancelling, or a refund wanted.
// Two ideas in one message of the user's: money taken (charged, billed, paid, debited, an invoice,
// a renewal) and a dispute (twice, wrong, extra, instead, still, cancelled, never, a refund), on
// folded words in en, de, fr, es, pt and it. Their own customers' refunds are not theirs. It only
// chooses the reason once the model suggests a human; it never makes the suggestion itself.

/** Money taken: charged, billed, paid, debited, an invoice, a renewal. */
const MONEY = stems(
  'charg billed bills? invoic paid paying payments? debit renewal abgebucht abbuchung berechnet bezahlt zahlen rechnung preleve debite factur paye ' +
    'cobr cargo pag(o|ue|amos|ando|at[oaei]|ou|aram|ad[oa]|amento)$ addebit fattur rinnovo mensalidade',
);

/** Disputed: twice, wrong, extra, instead, still, after cancelling, never ordered, a refund. */
const DISPUTE = stems(
  'twice double duplicate two$ zweimal doppelt deux$ doublon dos$ duplicad duas$ due$ refund back$ rembours reembols rimbors erstatt zuruck devolv volta ' +
    'instead statt alors pourtant aunque invece though although even still trotzdem toujours siguen continua ancora mesmo ' +
    'wrong incorrect extra overcharg falsch zu$ faux fausse trop erron mas$ piu$ sbagliat never nie$ jamais nunca mai$ cancel kundig gekundigt resili annul baja cancele disdett',
);

/** The user's own customers, members, users: "my customers want a refund" is not the user's dispute. */
const OWNERS = /^(my|our|unsere?[nr]?|mes|nos|mis|nuestr[oa]s|meus|minhas|noss[oa]s|miei|nostri)$/;

/** Whether the user's message (its sentences) disputes money taken from them. */
export function billingDispute(sentences: readonly (readonly Token[])[]): boolean {
  const words = sentences.flat().filter((t) => !t.quoted).map((t) => t.word);
  if (words.some((w, i) => i > 0 && OWNED.test(w) && OWNERS.test(words[i - 1]!))) return false;
  return words.some((w) => MONEY.test(w)) && words.some((w) => DISPUTE.test(w));
}
