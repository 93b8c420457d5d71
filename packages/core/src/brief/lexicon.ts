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
  "i'm new here", 'nice to meet you', "hope you('re| are) having a (good|great|nice) (day|week)", 'haha', 'lol',
  // German
  'ich hoffe,? (es geht (ihnen|dir) gut|alles ist gut)',
  "wie geht('?s| es( dir| ihnen)?)", '(kannst du|konnen sie|konnt ihr) mir( bitte)? helfen', 'ich habe (eine|mal eine) (kurze )?frage', 'kurze frage', 'ich brauche hilfe',
  'danke( schon| sehr)?', 'bitte', 'ja', 'nein', 'alles klar', 'gut',
  // French
  '(comment )?ca va', "j'espere que (vous allez|tu vas) bien", "(pouvez-vous|peux-tu|pourriez-vous|tu peux|vous pouvez) m'aider", "j'ai une (petite )?question", "j'ai besoin d'aide",
  'merci( beaucoup)?', 'oui', 'non', "d'accord", 'svp', "s'il vous plait",
  // Spanish
  '(como|que tal) (estas|esta)', 'espero que (estes|este|esten) bien', '(me )?(puedes|puede|podrias|podria) ayudar(me)?', 'tengo una (pregunta|duda)', 'necesito ayuda',
  'gracias', 'si', 'vale', 'por favor',
  // Portuguese
  'tudo bem', 'espero que (esteja|estejam) bem', '(voce|vc) (pode|poderia) me ajudar', '(pode|poderia) me ajudar', 'tenho uma (pergunta|duvida)', 'preciso de ajuda',
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
    '\\bstill\\b(?! (want|need|have|like|love|use|prefer))', '\\btoujours\\b', '\\bsame (error|problem|issue|thing|result|message|screen)', '\\bnothing (happened|happens|changed|works|worked)', '\\bno (change|luck|difference|effect)\\b', '\\b(keeps|kept) (failing|happening|showing|crashing|saying|giving)',
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

/** The user puts a step off or turns it down: not tried. */
export const POSTPONED = new RegExp(
  alt(
    "\\b(i'll|i will|will) (do|try|check|look at) (that|it|this) (later|tomorrow|another time|this afternoon|tonight)", "\\b(i'll|i will) (do that|do it|try that|try it)\\b(?! now)", "\\b(can't|cannot) do (that|it|this) myself", '\\bnicht selbst\\b', '\\b(muss|wird|soll) (unsere|unser|die|der) \\p{L}+ (machen|erledigen)', '\\b(lo hare|lo voy a hacer|haré eso)\\b', '\\bje (le )?ferai\\b', '\\bje vais le faire\\b', '\\b(vou fazer|farei)\\b', '\\bmache ich (dann|spater|heute)', '\\b(later|tomorrow)\\b[.!]?$', '\\bnot now\\b', "\\b(i'd rather not|i don't want to|no thanks|i won't)\\b",
    '\\b(mache|probiere|schaue) (ich )?(das |es )?(spater|morgen)', '\\bspater\\b', '\\blieber nicht\\b',
    '\\bplus tard\\b', '\\bdemain\\b', '\\bpas maintenant\\b',
    '\\b(luego|despues|manana|mas tarde)\\b', '\\bahora no\\b',
    '\\b(depois|mais tarde|amanha)\\b', '\\bagora nao\\b',
    '後で', 'あとで', '明日',
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

/** A short acknowledgement of an answer ("Perfect.", "Ok, danke."): the next ask is a new one. Only for short messages. */
export const ACKNOWLEDGED = new RegExp(
  alt(
    '^(perfect|nice|great|cool|got it|makes sense|thanks|thank you|ok(ay)?,? (thanks|thank you|got it|noted|cool))\\b',
    '^(ok,? )?(danke|alles klar|super|perfekt|verstanden)\\b', "^(parfait|super|d'accord,? merci|merci|compris)\\b", '^(perfecto|genial|vale,? gracias|gracias|entendido)\\b', '^(perfeito|otimo|beleza|entendi|obrigad)',
    '^(わかりました|了解|ありがとうございます)',
  ),
  'u',
);

/** The user turns to something else. */
export const TOPIC_CHANGE = new RegExp(
  alt(
    '\\b(another|different|separate|new|unrelated|other|second) (question|issue|problem|thing|topic|request)', '\\bone more (thing|question)', '\\bsomething else\\b', '\\bby the way\\b', '\\bbtw\\b', '\\bon another note\\b',
    '\\b(also|separately|unrelated|moving on|next),', '\\b(the )?(actual|real|main|bigger) (problem|issue|question)\\b', '\\bsomething (more |much more )?(urgent|important|pressing)', '\\bmore (urgent|important|pressing)', '\\b(forget|never ?mind) (that|about that|it)', '\\bactually,? (my|the) (real|main|actual) (question|issue|problem)', '\\bwhile i have you\\b', '\\bswitching (topics|gears)',
    '\\b(andere|weitere|neue|zweite) frage', '\\bnoch (eine|was|etwas)\\b', '\\bubrigens\\b', '\\bganz (was )?anderes', '\\b(anderes|neues|weiteres) (problem|thema|anliegen)', '\\bapropos\\b', '\\bvergiss das', '\\beigentlich\\p{L}* (problem|frage|anliegen)', '\\b(dringender|wichtiger)', '\\betwas (anderes|dringendes|wichtiges)',
    '\\b(autre|nouvelle|deuxieme) (question|probleme|sujet)', "\\bune autre chose\\b", '\\bau fait\\b', '\\bpar ailleurs\\b', '\\bune derniere chose\\b', '\\b(vrai|veritable) (probleme|souci)', '\\bplus urgent', '\\bprobleme principal',
    '\\b(otra|nueva|segunda) (pregunta|cosa|consulta|duda)', '\\botro (problema|tema|asunto)', '\\bpor cierto\\b', '\\baparte de eso\\b', '\\bolvida eso\\b', '\\bcambiando de tema', '\\b(el )?problema (real|de verdad|principal)', '\\b(lo )?mas urgente', '\\balgo (mas )?urgente',
    '\\b(outra|nova|segunda) (pergunta|coisa|duvida|questao)', '\\boutro (problema|assunto)', '\\baliás\\b', '\\balias,', '\\ba proposito\\b', '\\bpor falar nisso\\b', '\\bmudando de assunto', '\\bo problema (real|de verdade|principal)', '\\bmais urgente', '\\balgo (mais )?urgente',
    '別の質問', '別件', 'ところで', 'もう一つ', 'もうひとつ', 'それとは別に', '話は変わりますが', '他にも', 'あと、',
  ),
  'u',
);

const EN_VERBS = [
  'try', 'go', 'open', 'click', 'tap', 'select', 'choose', 'pick', 'navigate', 'make sure', 'check', 'clear', 'restart', 'reset', 'update', 'enable', 'disable',
  'turn', 'log', 'sign', 'reinstall', 'remove', 'delete', 'add', 'set', 'change', 'switch', 'refresh', 'reload', 'reconnect', 'disconnect', 'connect', 'verify',
  'confirm', 'upload', 'download', 'install', 'use', 'visit', 'head', 'press', 'type', 'enter', 'paste', 'copy', 'export', 'import', 'resend', 're-send', 'reinvite',
  'generate', 'regenerate', 'rotate', 'toggle', 'drag', 'run', 'rerun', 're-run', 'narrow', 'look', 'wait', 'send', 'create', 'edit', 'save', 'uncheck', 'untick',
  'tick', 'move', 'rename', 'assign', 'invite', 'grant', 'lower', 'raise', 'increase', 'decrease', 'limit', 'filter', 'sync', 'resync', 'retry', 'restore',
  'revert', 'roll back', 'flush', 'purge', 'allowlist', 'whitelist', 'map', 'scan', 'test', 'share', 'mark', 'archive', 'unarchive', 'publish', 'republish',
  'reauthorize', 're-authorize', 'authorize', 'relink', 'link', 'unlink', 'recreate', 'duplicate', 'compare', 'inspect', 'review', 'ask', 'have', 'tell', 'reduce',
  'split', 'replace', 'point', 'whitelist', 'delay', 'schedule', 'pause', 'resume', 'cancel', 'approve', 'reissue', 'renew', 'refresh', 'rebuild', 'clean',
];
const ES_VERBS = [
  'cambia', 'cambie', 'revisa', 'revise', 'desconecta', 'desconecte', 'conecta', 'conecte', 'vuelve', 'vuelva', 'entra', 'entre', 'pulsa', 'pulse', 'haz', 'haga',
  've', 'vaya', 'elige', 'elija', 'selecciona', 'seleccione', 'activa', 'active', 'desactiva', 'desactive', 'borra', 'borre', 'elimina', 'elimine', 'anade',
  'anada', 'comprueba', 'compruebe', 'verifica', 'verifique', 'abre', 'abra', 'cierra', 'cierre', 'actualiza', 'actualice', 'regenera', 'regenere', 'reinicia',
  'reinicie', 'intenta', 'intente', 'prueba', 'pruebe', 'usa', 'use', 'espera', 'espere', 'envia', 'envie', 'sube', 'suba', 'descarga', 'descargue', 'configura',
  'configure', 'marca', 'marque', 'desmarca', 'desmarque', 'confirma', 'confirme', 'escribe', 'escriba', 'copia', 'copie', 'pega', 'pegue', 'limpia', 'limpie',
  'instala', 'instale', 'reinstala', 'quita', 'quite', 'asigna', 'asigne', 'invita', 'invite', 'crea', 'cree', 'edita', 'edite', 'guarda', 'guarde', 'accede',
  'acceda', 'mira', 'mire', 'exporta', 'exporte', 'importa', 'importe', 'reenvia', 'reenvie', 'renueva', 'renueve', 'sincroniza', 'sincronice', 'asegurate',
  'asegurese', 'cierra sesion', 'inicia sesion', 'desvincula', 'vincula', 'reduce', 'reduzca', 'aumenta', 'aumente', 'restablece', 'restablezca',
];
const PT_VERBS = [
  'verifique', 'confira', 'tente', 'clique', 'abra', 'acesse', 'limpe', 'reinicie', 'atualize', 'altere', 'mude', 'troque', 'desconecte', 'reconecte', 'conecte',
  'ative', 'desative', 'selecione', 'escolha', 'envie', 'use', 'faca', 'va', 'entre', 'saia', 'apague', 'exclua', 'remova', 'adicione', 'crie', 'edite', 'salve',
  'gere', 'baixe', 'instale', 'reinstale', 'aguarde', 'espere', 'marque', 'desmarque', 'copie', 'cole', 'digite', 'confirme', 'revise', 'veja', 'cheque',
  'experimente', 'exporte', 'importe', 'reenvie', 'renove', 'sincronize', 'habilite', 'desabilite', 'configure', 'defina', 'libere', 'autorize', 'vincule',
  'desvincule', 'reduza', 'aumente', 'redefina', 'recrie', 'refaca', 'teste',
];

/** The assistant suggests a step the user can take. */
export const SUGGESTS = new RegExp(
  alt(
    `(?:^|[.!:;>)\\n-]\\s*|\\b(?:then|and|or|first|next|now|please|also|just)\\s+)(?:${alt(...EN_VERBS)})\\b`,
    "\\b(you can|you could|you should|you may want to|you might|could you|can you|let's|step \\d)", '(^|\\n)\\s*\\d+[.)]\\s',
    // German: the formal imperative ("Prüfen Sie", "Laden Sie ... hoch"), and the informal one
    '(?:^|[.!:;>)\\n-]\\s*|\\b(?:dann|und|oder|zuerst|bitte|jetzt|danach|anschließend|anschliessend)\\s+)\\p{L}+(en|ern|eln) sie\\b', '\\b(bitte|konnen sie|sie konnen|du kannst|versuch|geh|klick|offne|prufe)\\b',
    // French: "-ez" imperatives ("Vérifiez", "Cliquez") and "vous pouvez"
    '(?:^|[.!:;>)\\n-]\\s*|\\b(?:puis|ensuite|et|ou|d\'abord|alors)\\s+)\\p{L}+ez\\b', '\\b(pouvez-vous|vous pouvez|veuillez|essaie|va dans)\\b',
    `(?:^|[.!:;>)\\n,-]\\s*|\\b(?:luego|despues|y|o|primero|entonces|ahora|tambien)\\s+)(?:${alt(...ES_VERBS)})\\b`, '\\b(puedes|podrias|puede usted|intenta|prueba)\\b',
    `(?:^|[.!:;>)\\n,-]\\s*|\\b(?:depois|e|ou|primeiro|entao|agora|tambem)\\s+)(?:${alt(...PT_VERBS)})\\b`, '\\b(voce pode|pode tentar)\\b',
    'ください', '試して', 'してみて', '確認して', '再起動', 'クリック', '開いて', '選択して', 'お試し',
  ),
  'u',
);

/** "Let me know how it goes": asks for feedback, suggests no step. Removed before looking for a step. */
export const FEEDBACK = new RegExp(
  alt(
    '\\b(let me know|tell me (how|what|if|whether)|keep me posted)\\b', '\\b(sagen|geben) sie mir (bitte )?(bescheid|wie)', '\\bmelden sie sich\\b', '\\bdites-moi\\b', '\\btenez-moi au courant',
    '\\b(dime|avisame|cuentame|digame|aviseme)\\b', '\\b(me avise|me diga|me conte|me fale)\\b', '教えてください', 'お知らせください',
  ),
  'u',
);

/** The assistant hands the conversation over or reports what it did: not a step for the user. */
export const HANDOFF = new RegExp(
  alt(
    "\\bi('ll| will|'m| am) (now )?(hand|handing|pass|passing|transfer|transferring|escalate|escalating|forward|forwarding|connect|connecting|loop|looping|get|getting) (you|this|it|your)",
    '\\b(te|le) (paso|pasare|transfiero|comunico) con', '\\bte paso\\b', '\\b(ich )?(gebe|leite|ubergebe|ubergeben) (sie |das |es |ihre anfrage )?(an|sofort|jetzt|weiter)', '\\bweiter(geben|leiten|gegeben|geleitet)\\b',
    '\\bje (vous )?(transfere|transmets|mets en relation|passe)', '\\bvou (transferir|passar|encaminhar)', '\\btransferido\\b', '\\btransfiro\\b',
  ),
  'u',
);

/** The user goes back to an earlier topic after a side question. */
export const RETURNS = new RegExp(
  alt(
    '\\bback to (the|my|our)\\b', '\\b(anyway|anyhow),? (about|back|regarding)', '\\bgoing back to\\b', '\\breturning to\\b',
    '\\bzuruck zu\\b', '\\bzuruck zum\\b', '\\bzuruck zur\\b', '\\bjedenfalls\\b',
    '\\b(revenons|retour|pour revenir) a\\b', '\\bquant a\\b',
    '\\b(volviendo|volvamos|de vuelta) (a|al)\\b', '\\ben cuanto a\\b',
    '\\b(voltando|voltemos|de volta) (a|ao)\\b', '\\bquanto a\\b',
    '話を戻', '元の',
  ),
  'u',
);

/** Something that makes a message an ask: a question, a problem, a need. */
export const ASK_CUE = new RegExp(
  alt(
    '[?？]', '\\d',
    "\\b(need|needs|want|would like|how|why|where|what|which|when|can't|cannot|can i|could i|is there|unable|not|no longer|never|error|errors|problem|issue|wrong|missing|fail|fails|failed|failing|broken|stuck|help|charged|refund|cancel|won't|doesn't|didn't|isn't|aren't|don't|disappeared|lost|slow|blocked|locked|keeps|but|since|zero|anymore|instead|only|still)\\b",
    '\\b(brauche|mochte|will|wollen|wie|warum|wieso|wo|was|kann|konnen|nicht|kein|keine|fehler|problem|fehlt|hilfe|muss|mussen|seit|aber|trotzdem|statt|nur|immer)\\b', '\\b(falsch|fehl|gesperrt|blockiert)',
    "\\b(besoin|voudrais|veux|comment|pourquoi|ou|quoi|ne|pas|plus|erreur|probleme|manque|impossible|dois|aide|mais|depuis|aucun|aucune|seulement)\\b", "\\bn'", '\\b(bloqu|erron|incorrect)',
    '\\b(necesito|quiero|quisiera|como|por que|donde|que|no|error|problema|falta|tengo que|puedo|ayuda|desde|pero|sigue|solo|ningun|ninguna)\\b', '\\b(bloque|incorrect|equivocad)',
    '\\b(preciso|quero|gostaria|como|por que|onde|que|nao|erro|problema|falta|tenho que|posso|ajuda|desde|mas|continua|so|nenhum|nenhuma)\\b', '\\b(bloque|incorret|errad)',
    'できない', 'できません', 'したい', '方法', 'エラー', '問題', 'ない', 'ません', 'どう', 'なぜ', '教えて', '困って',
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

/** Words (Latin, Cyrillic, ...) and CJK characters of a text, for "is there anything left". One pass over the characters. */
export function contentSize(text: string): { words: number; cjk: number } {
  let words = 0;
  let cjk = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) {
      cjk++;
      inWord = false;
    } else if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 45 ? true : c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000) {
      // Letters, digits, apostrophes and hyphens inside a word (Latin, Greek, Cyrillic, ... below U+2000).
      if (!inWord && c !== 39 && c !== 45) {
        words++;
        inWord = true;
      }
    } else inWord = false;
  }
  return { words, cjk };
}
