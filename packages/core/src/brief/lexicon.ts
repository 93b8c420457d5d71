/**
 * The cues the handoff brief reads, in English, German, French, Spanish, Portuguese and
 * Japanese. Each pattern runs on folded text (lower case, Latin accents removed, `’` as `'`;
 * Japanese kana kept whole), so `não`, `nao` and `NÃO` read the same.
 */

/** Lower case, Latin accents removed (kana and kanji untouched), curly apostrophes straight. */
export function foldText(text: string): string {
  let out = text.toLowerCase();
  // Only Latin letters with accents need the decomposition; skip it for plain ASCII and kana.
  if (/[\u00c0-\u024f]/.test(out)) out = out.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  return out.includes('\u2019') ? out.replace(/\u2019/g, "'") : out;
}

const alt = (...parts: string[]) => parts.join('|');

/** Greetings and openers that are not the ask, at the start of a message. */
export const GREETING = new RegExp(
  `^(?:\\s|[,!.¡¿~-])*(?:${alt(
    'hi+( there)?', 'hello( there)?', 'hey+( there)?', 'hiya', 'howdy', 'yo', 'greetings',
    'good (morning|afternoon|evening|day)', 'dear (support|team)',
    'hallo', 'guten (morgen|tag|abend)', 'servus', 'moin', 'gruß gott', 'gruss gott', 'hi zusammen',
    'bonjour', 'bonsoir', 'salut', 'coucou', 'allo',
    'hola', 'buen(os|as) (dias|tardes|noches)', 'buenas', 'que tal',
    'ola', 'oi', 'bom dia', 'boa (tarde|noite)', 'e ai',
    'こんにちは', 'こんばんは', 'おはようございます', 'おはよう', 'はじめまして', 'お世話になっております', 'お疲れ様です', 'すみません',
  )})(?=$|[\\s,!.?、。！？~-])`,
  'u',
);

/** Latin-script phrases that carry no ask on their own: pleasantries, "can you help me", "I have a question". */
const FILLER_LATIN = [
  // English
  'how are you( doing)?( today)?', "hope you('re| are) (well|doing well)", 'are you (a bot|there|real|human)', 'is anyone there',
  '(can|could) you (please )?help( me)?( with something| out)?', 'i (have|got) a (quick )?question', 'quick question', 'i need (some )?help( please)?',
  'thanks?( you)?( so much| a lot)?', 'thx', 'ok(ay)?', 'sure', 'yes', 'no', 'great', 'cool', 'please', 'sorry', 'one (more )?(thing|question)',
  "i'm new here", 'nice to meet you',
  // German
  "wie geht('?s| es( dir| ihnen)?)", '(kannst du|konnen sie|konnt ihr) mir( bitte)? helfen', 'ich habe (eine|mal eine) (kurze )?frage', 'kurze frage', 'ich brauche hilfe',
  'danke( schon| sehr)?', 'bitte', 'ja', 'nein', 'alles klar', 'gut',
  // French
  '(comment )?ca va', "(pouvez-vous|peux-tu|pourriez-vous|tu peux|vous pouvez) m'aider", "j'ai une (petite )?question", "j'ai besoin d'aide",
  'merci( beaucoup)?', 'oui', 'non', "d'accord", 'svp', "s'il vous plait",
  // Spanish
  '(como|que tal) (estas|esta)', '(me )?(puedes|puede|podrias|podria) ayudar(me)?', 'tengo una (pregunta|duda)', 'necesito ayuda',
  'gracias', 'si', 'vale', 'por favor',
  // Portuguese
  'tudo bem', '(voce|vc) (pode|poderia) me ajudar', '(pode|poderia) me ajudar', 'tenho uma (pergunta|duvida)', 'preciso de ajuda',
  'obrigad[oa]', 'sim', 'nao', 'beleza',
];
const FILLER_JA = ['よろしくお願いします', 'よろしくお願いいたします', '質問があります', '質問です', '助けてください', '手伝ってください', 'ありがとうございます', 'ありがとう', 'はい', 'いいえ', 'お願いします'];

/** Phrases that carry no ask on their own; removed before counting what a message says. */
export const FILLER = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alt(...FILLER_LATIN)})(?![\\p{L}\\p{N}])|${alt(...FILLER_JA)}`, 'gu');

/** The user asks for a person (not the ask itself). */
export const ASKS_FOR_PERSON = new RegExp(
  alt(
    "\\b(talk|speak|chat) (to|with) (a |an |the |some |your )?(real |actual |live )?(human|person|agent|someone|somebody|representative|rep|support|people|staff|operator|manager)",
    '\\b(real|actual|live) (human|person|agent|people)', '\\bhuman (agent|being|please|support)\\b', '\\b(human|agent|representative|operator) please\\b',
    '\\b(connect|transfer|put) me (to|with|through)', '\\b(get|need|want) (a |an )?(human|person|agent|representative)\\b', '^(human|agent|representative|operator)[.!?]*$',
    '\\bmit (einem|einer|jemandem)( echten| menschlichen)? (menschen|mitarbeiter|mitarbeiterin|person|berater|ansprechpartner|support)', '\\b(echten|richtigen) (menschen|mitarbeiter|person)', '\\bmensch(en)? sprechen',
    "\\bparler (a|avec) (un|une|quelqu'un|un vrai|une vraie|le support|un humain|un conseiller|une personne)", '\\b(vrai|vraie) (personne|humain)', '\\b(un|une) (humain|conseiller|conseillere|agent)\\b',
    '\\bhablar con (un|una|alguien|el soporte|soporte|una persona|un agente)', '\\b(persona|agente|humano) real', '\\bpersona de verdad', '\\bagente humano',
    '\\bfalar com (um|uma|alguem|o suporte|suporte|atendente|um atendente|uma pessoa|humano)', '\\bpessoa (real|de verdade)', '\\batendente( humano)?\\b',
    '人と話', '担当者', 'オペレーター', '有人', '人間と', 'スタッフと話',
  ),
  'u',
);

/** The user says it still does not work, or that a step failed. */
export const FAILED = new RegExp(
  alt(
    "\\b(didn't|doesn't|don't|did not|does not|do not|isn't|is not|wasn't|won't) (work|help|change|fix|do anything|load|show|appear|go through|solve|resolve)",
    "\\bnot (working|loading|fixed|helping)", '\\bstill (not|no|the same|broken|fail|failing|failed|getting|get|seeing|see|shows|showing|there|stuck|nothing|can\'t|cannot|doesn\'t|don\'t|won\'t|isn\'t|empty|wrong|missing|says|gives)',
    '\\bsame (error|problem|issue|thing|result|message|screen)', '\\bnothing (happened|happens|changed|works|worked)', '\\bno (change|luck|difference|effect)\\b', '\\b(keeps|kept) (failing|happening|showing|crashing|saying|giving)',
    "\\b(that|it|this) (failed|fails|didn't|did not)", '\\bgreyed out\\b', '\\bdoesn\'t exist\\b', "\\bthere'?s no\\b", "\\bcan'?t find\\b", '\\bcannot find\\b', '\\bnot there\\b', '\\bno (such )?(button|option|menu|setting|link)\\b',
    '\\b(funktioniert|klappt|geht) (immer noch |noch |leider |trotzdem |auch )*nicht', '\\bimmer noch\\b', '\\bweiterhin\\b', '\\b(gleiche|gleichen|selbe|selben) (fehler|problem|meldung)', '\\bhat (leider )?nicht (funktioniert|geklappt|geholfen)', '\\bbringt nichts', '\\bnichts (passiert|geandert|gebracht)', '\\bkeine (anderung|anderung)', '\\bgibt es (bei mir )?nicht', '\\bfinde (ich )?(das |den |die )?(nicht|kein)',
    '\\b(ca|cela|rien) (ne )?(marche|fonctionne)', '\\bne (marche|fonctionne) (toujours )?pas', "\\bn'a (pas|rien) (marche|fonctionne|change|aide)", '\\btoujours (pas|le meme|la meme|bloque|rien|une erreur|la)', '\\b(meme|memes) (erreur|probleme|message)', "\\brien n'a change", "\\bn'existe pas", '\\bje ne (trouve|vois) pas', "\\bil n'y a pas",
    '\\bno (funciona|funciono|sirve|sirvio|cambio|carga|aparece|ha funcionado|resulto)', '\\bsigue (sin|igual|fallando|apareciendo|saliendo|dando|sin funcionar|mostrando|el mismo|bloqueado)', '\\b(todavia|aun) no\\b', '\\bmismo (error|problema|mensaje)', '\\bnada (cambio|paso|funciona)', '\\bno (existe|encuentro|veo|hay)\\b',
    '\\bnao (funciona|funcionou|adiantou|resolveu|mudou|carrega|aparece|deu certo|existe|encontro|vejo|tem)', '\\bcontinua (dando|com|igual|aparecendo|sem|o mesmo|falhando)', '\\bainda (nao|da|aparece|esta|continua|o mesmo)', '\\bmesmo (erro|problema)', '\\bnada (mudou|aconteceu|funciona)',
    'できません', 'できない', '直りません', '直らない', '変わりません', '変わらない', '解決しません', '解決しない', '同じエラー', '同じ状態', 'まだ', 'だめ', 'ダメ', 'うまくいきません', 'うまくいかない', '動きません', '表示されません', '見つかりません', 'ありません', 'エラーになり', 'エラーが出', '失敗',
  ),
  'u',
);

/** The user says they did what was suggested (it may have worked or not). */
export const DONE = new RegExp(
  alt(
    "\\b(i|we)( have|'ve)? (already |just |also )?(did|done|tried|cleared|restarted|rebooted|reinstalled|updated|reset|checked|changed|followed|disabled|enabled|logged|signed|removed|deleted|added|turned|switched|re-?connected|refreshed|installed|uploaded|verified|confirmed|ran|clicked|went|opened|set)\\b",
    '\\b(done|did that|did it|tried (that|it|this|both|those|everything)|already did|already tried)\\b', "\\b(that|it|this) (worked|works|fixed it|did it|helped)", '\\bworks now\\b', '\\bworking now\\b', '\\bok(ay)?,? (done|did it|i did)',
    '\\b(habe|hab) (ich )?(es |das |den |die )?(schon |bereits |auch |gerade )?(gemacht|probiert|versucht|geleert|neu gestartet|gepruft|aktualisiert|geandert|geloscht|deaktiviert|aktiviert|ausprobiert|befolgt|eingestellt)', '\\b(gemacht|erledigt|ausprobiert|versucht)\\b', '\\bhat (geklappt|funktioniert)',
    "\\bj'ai (deja |bien |aussi )?(essaye|fait|vide|redemarre|verifie|suivi|change|supprime|mis a jour|desactive|active|reinstalle|reinitialise|clique|teste)", "\\bc'est fait\\b", "\\b(ca|cela) a (marche|fonctionne)", '\\b(deja )?(essaye|fait)\\b',
    '\\b(ya )?(lo )?(hice|probe|intente|borre|reinicie|revise|cambie|actualice|seguí|segui|desactive|active)\\b', '\\bhe (probado|intentado|hecho|borrado|reiniciado|revisado|cambiado|actualizado|seguido)', '\\b(hecho|listo)\\b', '\\b(ya|si) funciono',
    '\\bja (fiz|tentei|testei|limpei|reiniciei|verifiquei|mudei|atualizei|segui)', '\\b(eu )?(fiz|tentei|testei|limpei|reiniciei|verifiquei|mudei|atualizei|segui|desativei|ativei)\\b', '\\bfuncionou\\b', '\\bfeito\\b',
    'やりました', '試しました', 'やってみました', '確認しました', 'しました', '済みです', 'できました', 'してみました', '変更しました', '再起動しました', '試してみました',
  ),
  'u',
);

/** The user says the problem is solved: what follows is a new topic. */
export const RESOLVED = new RegExp(
  alt(
    "\\b(that|it|this) (worked|works|fixed it|did it|solved it)", '\\b(works|working) now\\b', '\\b(problem|issue) (solved|fixed|resolved)', '\\bperfect,? thanks?', '\\ball (good|set|sorted)',
    '\\bhat (geklappt|funktioniert)', '\\bfunktioniert (jetzt|wieder)', '\\bproblem (gelost|behoben)',
    '\\b(ca|cela) (a )?(marche|fonctionne) (maintenant|enfin)', '\\bc\'est (regle|resolu|bon)', '\\bca a marche',
    '\\b(ya )?funciona( ahora)?\\b(?! ?no)', '\\bfunciono\\b', '\\b(resuelto|solucionado)\\b',
    '\\bfuncionou\\b', '\\bresolvido\\b', '\\bdeu certo\\b',
    '解決しました', 'できました', '直りました', 'うまくいきました',
  ),
  'u',
);

/** The user turns to something else. */
export const TOPIC_CHANGE = new RegExp(
  alt(
    '\\b(another|different|separate|new|unrelated|other|second) (question|issue|problem|thing|topic|request)', '\\bone more (thing|question)', '\\bsomething else\\b', '\\bby the way\\b', '\\bbtw\\b', '\\bon another note\\b',
    '\\b(also|separately|unrelated|moving on|next),', '\\b(forget|never ?mind) (that|about that|it)', '\\bactually,? (my|the) (real|main|actual) (question|issue|problem)', '\\bwhile i have you\\b', '\\bswitching (topics|gears)',
    '\\b(andere|weitere|neue|zweite) frage', '\\bnoch (eine|was|etwas)\\b', '\\bubrigens\\b', '\\bganz (was )?anderes', '\\b(anderes|neues|weiteres) (problem|thema|anliegen)', '\\bapropos\\b', '\\bvergiss das',
    '\\b(autre|nouvelle|deuxieme) (question|chose|probleme|sujet)', '\\bau fait\\b', '\\bpar ailleurs\\b', '\\bune derniere chose\\b', '\\bsinon,', '\\bautre chose',
    '\\b(otra|nueva|segunda) (pregunta|cosa|consulta|duda)', '\\botro (problema|tema|asunto)', '\\bpor cierto\\b', '\\baparte de eso\\b', '\\bolvida eso\\b', '\\bcambiando de tema',
    '\\b(outra|nova|segunda) (pergunta|coisa|duvida|questao)', '\\boutro (problema|assunto)', '\\baliás\\b', '\\balias,', '\\ba proposito\\b', '\\bpor falar nisso\\b', '\\bmudando de assunto',
    '別の質問', '別件', 'ところで', 'もう一つ', 'もうひとつ', 'それとは別に', '話は変わりますが', '他にも', 'あと、',
  ),
  'u',
);

/** The assistant suggests a step the user can take. */
export const SUGGESTS = new RegExp(
  alt(
    '\\b(try|go to|open|click|tap|select|choose|navigate|make sure|check|clear|restart|reset|update|enable|disable|turn (on|off)|log out|sign out|log in|sign in|reinstall|remove|delete|add|set|change|switch|refresh|reload|re-?connect|verify|confirm|upload|download|install|use|visit|head to|press|type|enter|paste|contact|export|re-?send|re-?invite|generate|rotate|toggle|drag)\\b',
    '\\b(you can|you could|you should|you may want to|you might|could you|can you|please|let\'s|first,|then,|next,|step \\d)', '^\\s*\\d+[.)]\\s',
    '\\b(versuchen|gehen|klicken|offnen|prufen|uberprufen|leeren|loschen|starten|aktualisieren|aktivieren|deaktivieren|wahlen|melden) sie\\b', '\\b(bitte|konnen sie|sie konnen|du kannst|versuch|geh|klick|offne|prufe)\\b',
    '\\b(essayez|allez|cliquez|ouvrez|verifiez|videz|redemarrez|selectionnez|activez|desactivez|supprimez|reessayez|deconnectez|reconnectez|mettez|choisissez|rendez-vous)\\b', '\\b(pouvez-vous|vous pouvez|veuillez|essaie|va dans)\\b',
    '\\b(intenta|prueba|ve a|vaya a|haz clic|haga clic|abre|abra|verifica|comprueba|borra|reinicia|selecciona|activa|desactiva|elimina|cierra sesion|asegurate)\\b', '\\b(puedes|podrias|puede usted)\\b',
    '\\b(tente|experimente|va em|vá em|clique|abra|verifique|limpe|reinicie|selecione|ative|desative|exclua|remova|saia|entre|acesse|confirme|atualize)\\b', '\\b(voce pode|pode tentar|por favor)\\b',
    'ください', '試して', 'してみて', '確認して', '再起動', 'クリック', '開いて', '選択して', 'お試し',
  ),
  'u',
);

/** The assistant says it cannot do what is needed. */
export const ASSISTANT_CANNOT = new RegExp(
  alt(
    "\\bi (can't|cannot|can not|am unable to|am not able to|'m unable to|'m not able to|don't have (access|permission|the ability)|do not have (access|permission|the ability))",
    "\\b(beyond|outside) (what i can|my)", '\\b(requires|needs) (a human|our (support )?team|an? (admin|administrator|agent))', "\\byou('ll| will) need to contact",
    '\\bich kann (das |dies |leider )*(nicht|keine)', '\\bhabe (ich )?(leider )?keinen zugriff', '\\bkann ich (leider )?nicht',
    '\\bje ne (peux|suis) pas', "\\bje n'ai pas (acces|la possibilite)",
    '\\bno (puedo|tengo acceso|me es posible)',
    '\\bnao (consigo|posso|tenho acesso)',
    '対応できません', '私には', 'できかねます', 'アクセスできません', '権限がありません',
  ),
  'u',
);

/** A message that only asks something back ("Which browser?") suggests no step. */
export function isOnlyQuestion(folded: string): boolean {
  const t = folded.trim();
  return (t.endsWith('?') || t.endsWith('？') || t.endsWith('か。') || t.endsWith('か')) && !/[.!。](\s|$)/u.test(t.slice(0, -1));
}

/** Words (Latin, Cyrillic, ...) and CJK characters of a text, for "is there anything left". */
export function contentSize(text: string): { words: number; cjk: number } {
  let words = 0;
  for (const word of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu)) if (!/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(word[0])) words++;
  const cjk = (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? []).length;
  return { words, cjk };
}
