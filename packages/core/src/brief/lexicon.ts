/**
 * The cues the handoff brief reads, in English, German, French, Spanish, Portuguese and
 * Japanese, and the one pass that reads them. A message is folded once (lower case, Latin
 * accents removed, `’` as `'`), split into words, and each word is looked up in a table of the
 * phrases that start with it; Japanese cues (no spaces between words) are found as substrings.
 *
 * Phrase syntax (compact, so the bundle stays small): `|` separates phrases; words are separated
 * by spaces; `a/b` is a choice; `_` joins words inside one choice (`did_not`); a choice that
 * starts with `/` may be left out; `x*` is any word starting with `x`; `*` is any word; `!a/b`
 * means the next word is neither; `^` at the start: the first word opens a clause (or follows
 * "then", "and", ...); `^^`: the message's first word; a trailing `$`: the message's last
 * word; a trailing `,`: a comma follows.
 */

/** Cue kinds, as bits. */
export const GREETING = 1;
export const FILLER = 2;
export const PERSON = 4;
export const FAILED = 8;
export const DONE = 16;
export const POSTPONED = 32;
export const INVITE = 64;
export const SOLVED = 128;
export const TOPIC = 256;
export const SUGGESTS = 512;
export const FEEDBACK = 1024;
export const HANDOFF = 2048;
export const RETURNS = 4096;
export const CANNOT = 16384;
/** The user declines a step or cannot do it themselves ("Not an admin", "I'd rather not", "権限がない"): never a report, even with a failure. */
export const DECLINED = 65536;
/** A menu path in the text ("Settings > Billing", "Ajustes → Batería"). */
export const PATH = 32768;
/** The assistant says it did something in the product ("I've sent a remote reset"). */
export const ACTED = 8192;
/** The user states a need: a problem (negation, error, failure), a want, or a question word ("nothing comes out", "how do I", "エラー"). Small talk has none. */
export const ASKS = 131072;
/** The assistant offers to act itself ("Shall I?", "Soll ich?", "Je le fais ?", "¿Lo hago?", "Quer que eu faça?", "しましょうか"). */
export const OFFER = 262144;

const LATIN: ReadonlyArray<readonly [number, string]> = [
  [
    GREETING,
    '^^hi/hii/hiii/hello/hey/heyy/hiya/howdy/yo/greetings/hallo/servus/moin/bonjour/bonsoir/salut/coucou/allo/hola/buenas/ola/oi /there/zusammen|^^good morning/afternoon/evening/day|^^dear support/team|^^guten morgen/tag/abend|^^gruß/gruss gott|^^buenos/buenas dias/tardes/noches|^^que tal|^^bom dia|^^boa tarde/noite|^^e ai',
  ],
  [
    FILLER,
    "how are you /doing /today|hope you're/you_are/youre well/doing_well|hope you're/you_are having a good/great/nice day/week|are you a_bot/there/real/human|vous etes/tu_es un robot|bist du ein bot/roboter|eres un bot/robot|voce e um robo|is anyone there|can/could you /please help /me /with_something/out|i have/got a /quick question|quick question|i need /some help /please|thank/thanks/thx /you /so_much/a_lot|ok/okay/sure/yes/no/great/cool/nice/perfect/alright/please/sorry/haha/lol/hm/hmm/ah/oh|good to know|got it|makes sense|that's/thats all/everything|all good|one /more thing/question|i'm new here|nice to meet you|that's/thats it /for_now|for now" +
      "|ich hoffe es_geht_ihnen_gut/es_geht_dir_gut/alles_ist_gut|wie geht's/gehts|wie geht es /dir/ihnen|kannst_du/konnen_sie/konnt_ihr mir /bitte helfen|ich habe eine/mal_eine /kurze frage|kurze frage|ich brauche hilfe|danke /schon/sehr|bitte/ja/nein/gut/super/perfekt/prima/okay|alles klar|gut zu wissen|verstanden|das war's/wars /schon|das ist alles" +
      "|comment ca va|ca va|j'espere que vous_allez/tu_vas bien|pouvez-vous/peux-tu/pourriez-vous/tu_peux/vous_pouvez m'aider|j'ai une /petite question|j'ai besoin d'aide|merci /beaucoup|oui/non/d'accord/svp/parfait/super/ha/ah|tres bien|s'il vous plait|c'est tout|pour l'instant/le_moment" +
      '|como/que_tal estas/esta|espero que estes/este/esten bien|/me puedes/puede/podrias/podria ayudar/ayudarme|tengo una pregunta/duda|necesito ayuda|gracias/si/vale/genial/perfecto/bueno/entendido|muy bien|por favor|eso es todo|es todo|por ahora' +
      '|tudo bem|espero que esteja/estejam bem|/voce/vc pode/poderia me ajudar|tenho uma pergunta/duvida|preciso de ajuda|obrigado/obrigada/sim/nao/beleza/otimo/perfeito/entendi|e so isso|so isso|por enquanto|nada mais',
  ],
  [
    PERSON,
    'talk/speak/chat to/with /a/an/the/some/your /real/actual/live human/person/agent/someone/somebody/representative/rep/support/people/staff/operator/manager|real/actual/live human/person/agent/people|human agent/being/please/support|human/agent/representative/operator please|connect/transfer/put me to/with/through|get/need/want /a/an human/person/agent/representative|^^human/agent/representative/operator$' +
      '|mit einem/einer/jemandem /echten/menschlichen menschen/mitarbeiter/mitarbeiterin/person/berater/ansprechpartner/support|echten/richtigen menschen/mitarbeiter/person|mensch/menschen sprechen' +
      "|parler a/avec un/une/quelqu'un/le_support|vrai/vraie personne/humain|un/une humain/conseiller/conseillere/agent" +
      '|hablar con un/una/alguien/soporte/el_soporte|me pasas/pasa/pase/puedes_pasar/puede_pasar con|pasame/paseme/pasenme con|persona/agente/humano real|persona de verdad|agente humano' +
      '|falar com um/uma/alguem/o_suporte/suporte/atendente/humano|pessoa real/de_verdade|atendente',
  ],
  [
    FAILED,
    "didn't/didnt/doesn't/doesnt/don't/dont/did_not/does_not/do_not/isn't/isnt/is_not/wasn't/won't/wont work/help/change/fix/do_anything/load/show/appear/go_through/solve/resolve|not working/loading/fixed/helping|still !want/need/have/like/love/use/prefer|toujours|same /* error/problem/issue/thing/result/message/screen|nothing happened/happens/changed/works/worked|did/does/do nothing|no change/luck/difference/effect|keeps/kept failing/happening/showing/crashing/saying/giving|that/it/this failed/fails/didn't/did_not|greyed/grayed out|is/was/stays disabled|i can't/cannot,|^^i can't/cannot$|doesn't exist|there's/theres no|can't/cant/cannot find|i don't/do_not/can't/cannot see a/an/the/any/it/that/this/one|not there|no /such button/option/menu/setting/link" +
      '|funktioniert/klappt/geht /immer_noch/noch/leider/trotzdem/auch /immer_noch/noch/leider/trotzdem/auch nicht|immer noch|weiterhin|abgebrochen|bricht/brach ab/auch/immer/wieder/weiterhin/trotzdem/jedes_mal|gleiche/gleichen/selbe/selben fehler/problem/meldung|hat /leider nicht funktioniert/geklappt/geholfen|bringt nichts|nichts passiert/geandert/gebracht|keine anderung|gibt es /bei_mir nicht|finde /ich /das/den/die nicht/kein*' +
      "|ca/cela/rien ne marche/fonctionne|ca/cela marche/fonctionne pas|ne marche/fonctionne /toujours pas|n'a pas/rien marche/fonctionne/change/aide|meme/memes erreur/probleme/message|rien n'a change|n'existe pas|je ne trouve/vois pas|il n'y a pas" +
      '|no funciona/funciono/sirve/sirvio/cambio/carga/aparece/ha_funcionado/resulto/existe/encuentro/veo/hay|sigue/siguen !funcionando/bien/normal/abierto/abierta/activo/activa/ahi *|todavia/aun no|mismo error/problema/mensaje|nada cambio/paso/funciona|^^nada|y/pero nada$' +
      '|nao funciona/funcionou/adiantou/resolveu/mudou/carrega/aparece/deu_certo/existe/encontro/vejo/tem|continua/continuam !funcionando/normal/normais/bem/certo/ok/aberto/aberta/ativo/ativa/ai *|ainda nao/da/aparece/esta/continua/o_mesmo|mesmo erro/problema|nada mudou/aconteceu/funciona|e/mas nada$',
  ],
  [
    DONE,
    "i/we/i've/we've /have /already/just/also did/done/tried/cleared/restarted/rebooted/reinstalled/updated/reset/checked/changed/followed/disabled/enabled/logged/signed/removed/deleted/added/turned/switched/reconnected/re-connected/refreshed/installed/uploaded/verified/confirmed/ran/clicked/went/opened/set|done|did that/it/both/all/everything|tried that/it/this/both/those/everything|already did/tried|ok/okay i did" +
      '|habe/hab /ich /es/das/den/die /schon/bereits/auch/gerade/trotzdem/nochmal/jetzt/so/alles gemacht/probiert/versucht/geleert/neu_gestartet/gepruft/aktualisiert/geandert/geloscht/deaktiviert/aktiviert/ausprobiert/befolgt/eingestellt|gemacht/erledigt/ausprobiert/versucht' +
      "|je l'ai/les_ai|j'ai /deja/bien/aussi essaye/fait/vide/redemarre/verifie/suivi/change/supprime/mis_a_jour/desactive/active/reinstalle/reinitialise/clique/teste|c'est fait|^essaye/fait" +
      '|hice/probe/intente/borre/reinicie/revise/cambie/actualice/segui/desactive/active|he probado/intentado/hecho/borrado/reiniciado/revisado/cambiado/actualizado/seguido|hecho/listo' +
      '|fiz/fizemos/tentamos/testamos/tentei/testei/limpei/reiniciei/verifiquei/mudei/atualizei/segui/desativei/ativei/feito',
  ],
  [
    // "It's already set": the step was in place (a report too).
    DONE,
    "already$|it's/it_is/it_was/was/is already on/set/enabled/there/like_that/that_way/configured/checked/selected/done|^ran/set/put/sent/found/made/took/got it/that/this/them/both/one|i /already had/have it/that|had it already|ya lo/la tenia/tengo/estaba/esta/hice|ya estaba/esta asi/activado/activada|c'est/c'etait deja|deja fait/coche/active/activee/configure|ist/war schon/bereits so/aktiviert/eingestellt/gesetzt|schon/bereits so eingestellt|ja estava/esta/tinha|ja fiz",
  ],
  [
    SOLVED,
    "that/it/this worked/works/fixed_it/did_it/helped/solved|works/working now|hat geklappt/funktioniert|funktioniert/geht/klappt jetzt/wieder|jetzt geht/funktioniert/klappt es|ca/cela a marche/fonctionne|ca/cela marche/fonctionne maintenant|ya/si funciono/funciona|funciona ahora|funcionou|deu certo|agora funciona",
  ],
  [
    POSTPONED,
    // Not now, or not possible for the user (unless they also say the step failed): a plain "No," or "No thanks" opening the reply, a prerequisite they lack, a step they will not do.
    "^^no/nope/nah/nein/non/nao,|^^no/nein/non/nao thanks/thank/merci/danke/gracias/obrigado/obrigada|i/we don't/do_not /even have|not today$|^^not today|not happening|heute nicht$|^^heute nicht|pas aujourd'hui$|^^pas aujourd'hui|hoy no$|^^hoy no|hoje nao$|^^hoje nao|no way|auf keinen fall|de ninguna manera|de jeito nenhum|too much hassle/work/effort|zu viel aufwand|zu aufwendig|trop complique|trop de travail|demasiado trabajo/lio|muito trabalho|i'm/i_am not comfortable|i'm/i_am not !seeing/getting/receiving/finding/having/able/sure *ing|no tengo|no quiero|nao tenho|nao quero|hab/habe /grad/gerade/hier keine/keinen/kein|habe/hab ich nicht|will ich nicht|je n'ai pas|je n'en ai pas|je ne veux pas|je prefere pas|" +
      "i'll/i_will/will do/try/check/look_at that/it/this later/tomorrow/another_time/this_afternoon/tonight|i'll/i_will do/try that/it !now|can't/cannot do that/it/this myself|later/tomorrow/tonight$|maybe later/tonight/tomorrow/next_week|not now|let me try/check/do/see/test that/it/this/now|let me try$|trying now|one sec/moment|give me a sec/second/minute/moment|je vais essayer/tester|je teste|voy a probar/intentar|dejame probar|vou tentar/testar|deixa eu ver/tentar|i'd rather|i don't want to|no thanks|i won't|not doing that/it/this|i'm/i_am not doing/going_to/touching/calling/bothering|^^not !working/loading/showing/seeing/getting/finding/helping/happening/changing/appearing/responding/saving/sending/printing/syncing/updating/connecting/opening/starting/running/receiving/arriving/displaying *ing|^^not an/the admin/administrator/owner|i'm/i_am not an/the admin/administrator/owner/allowed/authorized/authorised/permitted|not allowed to|he's/she's/they're not allowed|not possible$|don't/do_not have admin/the_rights/the_permission/permission/rights" +
      '|nicht selbst|muss/wird/soll unsere/unser/die/der * machen/erledigen|mach/mache ich /das/es dann/spater/heute/nachher/morgen|machen/mache/mach wir/ich /das nicht|muss/musste ich /das /erst/noch mit|muss /das erst mit|i/we need/have to check/talk with /my/our/the|tengo/tenemos que consultarlo/hablarlo con|preciso/precisamos ver/falar com|je dois/nous devons voir avec|mache/probiere/schaue /ich /das/es spater/morgen/nachher|spater$|das will ich nicht|lieber nicht' +
      '|lo hare|me lo apunto|no /lo/la/los/las voy a|will_not/wont do/touch/install/change/delete/risk|is_not/are_not going to do/touch/install/change/delete|wird/werden das nicht machen/anfassen/installieren|ne va/vont pas toucher/installer/faire/changer|no va/van a hacer/tocar/instalar/cambiar|nao vai/vao mexer/fazer/instalar/tocar/mudar|no tengo permiso/permisos|no soy administrador/administradora/admin|nicht erlaubt|keine berechtigung/rechte|kein admin|darf ich /leider nicht|ich darf das /leider nicht|je ne suis pas admin/administrateur/autorise|pas le droit|pas les droits/acces/autorisations|nao tenho permissao|nao sou admin/administrador|nao posso|nao da$|nao da para|no es posible$|nicht moglich$|pas possible$|je ne vais pas|pas question|nao vou|lo voy a hacer|hare eso|je /le ferai|je vais le faire|plus tard|demain|pas maintenant|luego/despues$|manana|mas tarde|ahora no|vou fazer|farei|depois$|amanha|mais tarde|agora nao',
  ],
  [
    DECLINED,
    "^^not an/the admin/administrator/owner|i'm/i_am not an/the admin/administrator/owner/allowed/authorized/authorised/permitted|not allowed to|he's/she's/they're not allowed|don't/do_not have admin/the_rights/the_permission/permission/permissions/rights|no permission/permissions|^^can't/cannot/cant !find/see/get/open/access/load/log/sign/connect/print/reach/tell/remember/believe *|i'd rather not|rather not|prefer not to|not doing that/it/this|i'm/i_am not doing/touching/calling/bothering|i won't" +
      '|nicht erlaubt|keine berechtigung/berechtigungen/rechte|kein admin|darf ich /das /leider nicht|ich darf das /leider nicht|mir fehlen die rechte/berechtigungen|fehlen mir die rechte/berechtigungen|das kann ich nicht|kann ich nicht$|lieber nicht|das will/mochte ich nicht' +
      "|je ne suis pas admin/administrateur/autorise|pas le droit|pas les droits/acces/autorisations|je prefere ne pas|plutot pas|pas question|no tengo permiso/permisos|no soy administrador/administradora/admin|prefiero no|mejor no|nao tenho permissao|nao sou admin/administrador|prefiro nao|melhor nao|nao posso|nao da$|nao da para",
  ],
  [
    TOPIC,
    'another/different/separate/new/unrelated/other/second question/issue/problem/thing/topic/request/note/subject/matter|real/main/actual reason|changing the subject|one more thing/question|something else|by the way|btw|on another note|separately/unrelated/moving_on,|actual/real/main/bigger problem/issue/question|something /more/much_more urgent/important/pressing|more urgent/important/pressing|forget/never_mind/nevermind that/about_that/it|while i have you|switching topics/gears|my actual/real/main/bigger question/problem/issue/concern' +
      "|thing that's/that_is/thats /actually/really bugging/bothering/annoying me|what's/what_is/whats /actually/really bugging/bothering me" +
      '|andere/weitere/neue/zweite frage|themenwechsel|noch eine frage/sache|andere sache|ubrigens|/ganz was anderes|anderes/neues/weiteres problem/thema/anliegen|apropos|vergiss das|eigentlich* problem/frage/anliegen|etwas anderes/dringendes/wichtiges|was mich eigentlich/wirklich stort/argert' +
      '|autre/nouvelle/deuxieme question/probleme/sujet/souci/point|changement de sujet|a part ca|autre chose|au fait|par ailleurs|une derniere chose|vrai/veritable probleme/souci|plus urgent*|probleme principal|ce qui me derange/gene/embete vraiment' +
      '|otra/nueva/segunda pregunta/cosa/consulta/duda|otro problema/tema/asunto|por cierto|aparte de eso|olvida eso|cambiando de tema|problema real/de_verdad/principal|/lo mas urgente|lo urgente/importante/principal|una cosa mas|algo /mas urgente|lo que de_verdad/realmente me preocupa/molesta' +
      '|outra/nova/segunda pergunta/coisa/duvida/questao|outro problema/assunto|alias,|a proposito|mais uma coisa/pergunta|verdadeiro problema|problema real/principal|por falar nisso|mudando de assunto|mais urgente|o que realmente/de_verdade me incomoda/preocupa',
  ],
  [
    SUGGESTS,
    '^try/go/open/close/reopen/put/place/hold/keep/leave/plug/unplug/pull/power/power-cycle/click/tap/select/choose/pick/navigate/make_sure/check/clear/restart/reset/update/enable/disable/turn/log/sign/reinstall/remove/delete/add/set/change/switch/refresh/reload/reconnect/disconnect/connect/verify/confirm/upload/download/install/use/visit/head/press/type/enter/paste/copy/export/import/resend/re-send/reinvite/generate/regenerate/rotate/toggle/drag/run/rerun/re-run/narrow/look/wait/send/create/edit/save/uncheck/untick/tick/move/rename/assign/invite/grant/lower/raise/increase/decrease/limit/filter/sync/resync/retry/restore/revert/roll_back/flush/purge/allowlist/whitelist/map/scan/test/share/mark/archive/unarchive/publish/republish/reauthorize/re-authorize/authorize/relink/link/unlink/recreate/duplicate/compare/inspect/review/ask/tell/reduce/split/replace/point/delay/schedule/pause/resume/cancel/approve/reissue/renew/rebuild/clean' +
      "|^have !*ed/been/had/seen/got/gotten/to/no/not/any/already/always/never/also/just/you/we/they/it/this/that *|you can/could/should/might|you may want to|could/can you|let's !see/hope/wait|^please !note/be/bear/hold/wait/let/allow/accept *|step #" +
      '|bitte/versuch/geh/klick/offne/prufe|^starte/losche/leere/wahle/schau/trenne/verbinde/setze/andere/erstelle/aktiviere/deaktiviere/entferne/gib/stelle/warte/uberprufe/kontrolliere|konnen/konnten sie|sie konnen/konnten|du kannst|pouvez-vous/veuillez/essaie/faites|vous pouvez|va dans|^verifie/ouvre/clique/vide/redemarre/deconnecte/reconnecte/supprime/ajoute/mets/attends/relance/choisis/selectionne/cree/renvoie/reessaie/regarde/allez' +
      '|^entre en/no/na/em/al/a/con/com|^ponga/pon/mire/tire/apague/encienda/enchufe/desenchufe/coloque/quite/deje/mantenga/cambia/cambie/revisa/revise/desconecta/desconecte/conecta/conecte/vuelve/vuelva/entra/pulsa/pulse/haz/haga/ve/vaya/elige/elija/selecciona/seleccione/activa/active/desactiva/desactive/borra/borre/elimina/elimine/anade/anada/comprueba/compruebe/verifica/verifique/abre/abra/cierra/cierre/actualiza/actualice/regenera/regenere/reinicia/reinicie/intenta/intente/prueba/pruebe/usa/use/espera/espere/envia/envie/sube/suba/descarga/descargue/configura/configure/marca/marque/desmarca/desmarque/confirma/confirme/escribe/escriba/copia/copie/pega/pegue/pide/pida/limpia/limpie/instala/instale/reinstala/quita/quite/asigna/asigne/invita/invite/crea/cree/edita/edite/guarda/guarde/accede/acceda/mira/mire/exporta/exporte/importa/importe/reenvia/reenvie/renueva/renueve/sincroniza/sincronice/asegurate/asegurese/cierra_sesion/inicia_sesion/desvincula/vincula/reduce/reduzca/aumenta/aumente/restablece/restablezca/ingresa/ingrese/toca/toque/desinstala/desinstale/ajusta/ajuste/genera/genere/vacia/vacie/recarga/recargue/inicia/inicie/agrega/agregue/sigue/siga/introduce/introduzca/habilita/habilite/deshabilita/deshabilite/restaura/restaure/mueve/mueva/solicita/solicite' +
      '|puedes/podrias/intenta/prueba|puede usted|^puede/podria !ser/que/tardar/haber/estar/tener/llevar/deberse/pasar/ocurrir/suceder/que *' +
      '|^tire/ligue/desligue/coloque/segure/puxe/deixe/mantenha/atualize/confira/tente/clique/acesse/limpe/altere/mude/troque/reconecte/ative/desative/selecione/escolha/faca/va/saia/apague/exclua/remova/adicione/crie/salve/gere/baixe/reinstale/aguarde/cole/digite/veja/cheque/experimente/renove/sincronize/habilite/desabilite/defina/libere/autorize/vincule/desvincule/reduza/redefina/recrie/refaca/teste/verifique/abra/desconecte/conecte/reinicie/peca/envie/copie/desinstale/instale/toque/marque/desmarque/use/mova/volte/solicite/configure/ajuste/revise/recarregue/feche/inicie' +
      '|voce pode|pode tentar|^pode/poderia !ser/levar/demorar/haver/estar/ter/acontecer/ocorrer/que *',
  ],
  [
    // What the co-pilot did in the product, for the user to check: "I've sent a remote reset", "I've moved the order".
    ACTED,
    "i've/i_have/i /just/now/already sent/resent/re-sent/reset/pushed/moved/restarted/rebooted/triggered/applied/cleared/refreshed/rebuilt/resynced/re-synced/synced/reissued/regenerated/reran/re-ran/resubmitted/reprocessed/unlocked/restored/reverted/re-enabled/reactivated/reconnected/unblocked/released/extended/re-queued/requeued/reassigned/recalculated/reindexed/re-indexed" +
      '|ich habe /es/das/den/die/ihn/sie /gerade/eben/jetzt neu_gestartet/zuruckgesetzt/gesendet/verschoben/entsperrt/angestossen|habe ich /gerade/eben/jetzt /neu gestartet/zuruckgesetzt/gesendet/verschoben/entsperrt/angestossen' +
      "|j'ai /deja/bien envoye/renvoye/relance/reinitialise/redemarre/deplace/debloque/resynchronise/pousse|he enviado/reenviado/reiniciado/restablecido/movido/aplicado/desbloqueado/sincronizado|acabo de enviar/reiniciar/reenviar|enviei/reenviei/reiniciei/apliquei/movi/desbloqueei/sincronizei|acabei de enviar/reiniciar/reenviar",
  ],
  [
    FEEDBACK,
    "let me know|tell me how/what/if/whether|keep me posted|sagen/geben sie mir /bitte bescheid/wie|melden sie sich|dites-moi|tenez-moi au courant|dime/avisame/cuentame/digame/aviseme|me avise/diga/conte/fale",
  ],
  [
    HANDOFF,
    "i'll/i'm /now hand/handing/pass/passing/transfer/transferring/escalate/escalating/forward/forwarding/connect/connecting/loop/looping/get/getting you/this/it/your|i will/am /now hand/handing/pass/passing/transfer/transferring/escalate/escalating/forward/forwarding/connect/connecting/loop/looping/get/getting you/this/it/your" +
      "|let me hand/pass/transfer/escalate/connect/forward/loop/get you/this/it|i'll/i_will get/have a/an/our/the/someone/somebody /human/live support/agent/human/person/specialist/engineer/teammate/colleague/expert|i've/i_have escalated/passed/forwarded/transferred/handed|^escalating/transferring/connecting you/this/it/now" +
      "|te/le paso/pasare/transfiero/comunico /ahora/ya/enseguida /mismo con|te paso|gebe/leite/ubergebe/ubergeben /sie/das/es/ihre_anfrage an/sofort/jetzt/weiter|weitergeben/weiterleiten/weitergegeben/weitergeleitet|je /vous transfere/transmets/mets_en_relation/passe|vou transferir/passar/encaminhar|transferido/transfiro",
  ],
  [
    INVITE,
    "how can/may i/we help/assist/be|what can/may i/we help/do|anything/something /else i/we can help|help with anything|anything /else i/we can do for|anything else$|what do you need help|what do you need /today$|what's/whats/what_is going on/up$|what's/whats/what_is up$|go ahead$|i'm/i_am listening$|tell me what's/whats/what_is going_on/happening/wrong/up|tell me more /about_it$|what's/whats/what_is the issue/problem$|what's/whats/what_is wrong$|what would you like help|what seems to be the problem/issue$|what's/whats/what_is on your mind/question|what are we looking at|what brings you" +
      "|wie/wobei/womit kann/darf ich /ihnen/dir /heute helfen/weiterhelfen|wie/wobei/womit ich /ihnen/dir /heute /noch helfen/weiterhelfen kann/darf|gibt es etwas/noch_etwas/sonst_etwas|kann ich /sonst /noch etwas fur sie/dich tun|erzahlen/schildern sie /mir /bitte|was kann ich /heute fur sie/dich tun|sonst noch etwas/was|noch etwas/was$|kann ich /ihnen/dir sonst /noch helfen/weiterhelfen/tun|worum geht es|worum geht's/gehts|behilflich sein|was gibt's/gibts$|was ist los$|was ist ihre/deine frage" +
      "|comment/en_quoi puis-je/pouvons-nous /vous/te aider|en quoi puis-je vous/t'aider|que puis-je /faire pour vous/toi|autre chose$|je vous ecoute|dites-moi/racontez-moi ce qui se passe/ne_va_pas|dites-moi tout|quelle est votre question/demande|vous etre utile|que se passe-t-il|qu'est-ce qui se passe|quel est le probleme$" +
      '|/en que/como /te/le /puedo/podemos ayudar/ayudo/ayudarte/ayudarle|que necesitas/necesita /hoy$|si necesitas algo|algo mas$|que sucede/pasa/ocurre$|cual es tu/su pregunta|que puedo hacer por|que te trae|ayuda con algo|en lo que /te/le pueda/puedo|digame$|cuenteme$|cuentame$|dime$|cuenteme/cuentame/digame/dime que pasa/ocurre/sucede' +
      '|como/em_que posso/podemos /te/lhe ajudar/ser_util/ajuda-lo/ajuda-la|ajudar com alguma/algo|o que voce/vc precisa|do que voce/vc precisa|mais alguma coisa|o que houve/aconteceu$|qual e/a sua pergunta/duvida|o que posso fazer por|precisa/precisas de algo/alguma_coisa/ajuda|pode dizer/falar$|diga$|conte-me$|me conte o que',
  ],
  [
    RETURNS,
    'back to the/my/our|anyway/anyhow about/back/regarding|going back to|returning to|zuruck zu/zum/zur|jedenfalls|revenons/retour a|pour revenir a|quant a|volviendo/volvamos a/al|de vuelta a/al|en cuanto a|voltando/voltemos a/ao|de volta a/ao|quanto a',
  ],
  [
    CANNOT,
    "i can't/cannot/can_not|i am unable/not_able to|i'm unable/not_able to|i don't/do_not have access/permission/the_ability|beyond/outside what_i_can/my|requires/needs a_human/our_team/our_support_team/an_admin/an_administrator/an_agent|you'll/you_will need to contact" +
      "|ich kann /das/dies/leider /das/dies/leider nicht/keine|habe /ich /leider keinen zugriff|kann ich /leider nicht|je ne peux/suis pas|je n'ai pas acces/la_possibilite|no puedo/tengo_acceso/me_es_posible|nao consigo/posso/tenho_acesso",
  ],
  [
    // A need, in the user's words: a negation or a failure, an error, a want, a question word. Small talk ("I'm making a photo book for my mum") has none.
    ASKS,
    "can't/cant/don't/dont/doesn't/doesnt/didn't/didnt/isn't/isnt/wasn't/won't/wont/aren't/haven't/hasn't/couldn't/wouldn't|not|no|never|still|trying|nothing|none|nobody|cannot|erro*|problem*|issue/issues|broken|stuck|wrong|fail*|crash*|bug|declined|rejected|stop/stops/stopped/stopping|missing|keeps|how|why|where|need|want|i'd_like|would_like" +
      '|nicht|kein*|nie|nichts|fehlt|fehlen|fehler*|kaputt|falsch*|immer_noch|hangt|wie|warum|wo|brauche|mochte|will|abgelehnt' +
      "|pas|plus|rien|jamais|aucun*|manque|manquent|absent/absente/absents|s'arrete/arrete/arretee|erreur*|souci*|bloque*|panne|comment|pourquoi|ou|besoin|veux|voudrais|refuse*" +
      '|nunca|nada|ningun*|falta|faltan|falla*|roto|como|por_que|donde|necesito|quiero|quisiera|rechaz*' +
      '|nao|nenhum*|falh*|quebrad*|travad*|sumiu|onde|preciso|quero|gostaria|recusad*|cobrad*',
  ],
  [
    // The assistant offers to act itself; read only on a message that ends as a question.
    OFFER,
    "shall/should i|want/like me to|would/will/could/does that help|i can|i could|ich kann|ich konnte|soll ich|je peux|je pourrais|je le/la/les fais/lance/relance|puedo|podria|lo/la hago|quiere/quieres/desea/deseas que|posso|poderia|quer/queres/deseja que|quer$|deseja$|quiere$|desea$",
  ],
];

/**
 * Every phrase of the assistant saying it cannot (CANNOT) contains one of these (as written, or
 * capitalised at a sentence start): a message without any is not read for it.
 */
const MAY_CANNOT = /can['\u2019]?t|cannot|can not|[Uu]nable|not able|[Aa]ccess|permission|ability|[Bb]eyond|[Oo]utside|[Rr]equires|[Nn]eeds|need to contact|[Kk]ann|zugriff|peux|suis pas|ai pas|[Pp]uedo|tengo acceso|me es posible|[Cc]onsigo|[Pp]osso|acesso|対応できません|私には|できかねます|いたしかねます|アクセスできません|権限がありません/;

/** Whether a text may hold a CANNOT cue (a quick test before reading it). */
export function mayCannot(text: string): boolean {
  return MAY_CANNOT.test(text);
}

/** Japanese cues, found as substrings. */
const KANA: ReadonlyArray<readonly [number, string]> = [
  [GREETING, 'こんにちは|こんばんは|おはようございます|おはよう|はじめまして|お世話になっております|お世話になります|お疲れ様です|すみません|もしもし|失礼します'],
  [FILLER, 'よろしくお願いします|よろしくお願いいたします|質問があります|質問です|助けてください|手伝ってください|ありがとうございます|ありがとう|はい|いいえ|お願いします|わかりました|分かりました|了解です|了解しました|承知しました|なるほど|助かります|ちょっと|少し'],
  [PERSON, '人と話|担当者|オペレーター|有人|人間と|人間に|人に代わ|人につな|担当の方|サポートの方|スタッフと話|スタッフの方'],
  [FAILED, 'できません|できない|直りません|直らない|変わりません|変わらない|解決しません|解決しない|同じエラー|同じ状態|同じでした|同じです|まだ|だめ|ダメ|うまくいきません|うまくいかない|動きません|表示されません|見つかりません|ありません|エラーになり|エラーが出|失敗|届きません|反映されません|効果がありません|効果はありません|やはり|やっぱり|相変わらず'],
  [DONE, 'やりました|試しました|やってみました|確認しました|しました|済みです|してみました|変更しました|再起動しました|試してみました'],
  [SOLVED, 'できました|直りました|解決しました|うまくいきました'],
  [POSTPONED, '後で|あとで|後ほど|のちほど|明日|また今度|今度試|今度やり|やってみます|試してみます'],
  [DECLINED, '権限がない|権限がありません|権限がなく|したくない|やりたくない'],
  [TOPIC, '別の質問|別の問題|別件|ところで、|もう一つ質問|もうひとつ質問|もう一点|それとは別に|話は変わりますが|他にも質問|本題|それより'],
  [SUGGESTS, 'ください|試して|してみて|確認して|再起動|クリック|開いて|選択して|お試し|ていただけ|でいただけ|いただけますか'],
  [ACTED, 'リセットしました|再送しました|送信しました|適用しました|再起動しました|再設定しました'],
  [FEEDBACK, '教えてください|お知らせください|ご連絡ください'],
  [HANDOFF, 'おつなぎします|お繋ぎします|おつなぎいたします|引き継ぎます|引き継ぎいたします|転送します|エスカレーションします'],
  [INVITE, 'お手伝いできること|お困りのこと|ご用件|どうされましたか|いかがなさいましたか|お困りですか|お困りでしょうか|他に何か|ほかに何か|何をお手伝い|どのようなお手伝い|ご質問はありますか'],
  [RETURNS, '話を戻|元の質問|元の問題|最初の問題|最初の件'],
  [ASKS, 'ません|ない|エラー|できな|どう|なぜ|したい|ですか|困って|止ま|消え|てしまい|でしまい|？'],
  [OFFER, 'ましょうか|できますが|できます。'],
  [CANNOT, '対応できません|私には|できかねます|いたしかねます|アクセスできません|権限がありません'],
];

/** Words after which an imperative starts a step as if it opened the clause. */
const CONNECTORS = "then and or first next now please also just dann und oder zuerst bitte jetzt danach anschließend anschliessend puis ensuite et ou d'abord alors luego despues y o primero entonces ahora tambien depois e primeiro entao agora".split(' ');

/** What the cues of a message (or one sentence of it) say. */
export interface Cues {
  /** Every cue kind found, as bits. */
  kinds: number;
  /** The text read (as given: cues are read case- and accent-insensitively). */
  folded: string;
  /** Words (and CJK characters / 2) left once a greeting and pleasantries are removed; also without asks for a person; also without topic markers. */
  says: number;
  saysBeyondPerson: number;
  saysBeyondTopic: number;
  /** CJK characters left likewise (Japanese). */
  cjk: number;
  cjkBeyondPerson: number;
  cjkBeyondTopic: number;
  /** All the words. */
  words: number;
  /** A step is suggested outside "let me know …" phrases. */
  suggestsOutsideFeedback: boolean;
  /** Words after the last topic marker (CJK characters / 2). */
  afterTopic: number;
  /** Where each cue was found: pairs of kind and offset in the text (-1 when not known). */
  hits: number[];
}

interface Slot {
  /** Single words, as their two hashes (a word matches when both are in). */
  h1?: Set<number>;
  h2?: Set<number>;
  /** Choices of several words, as hash pairs. */
  many?: Array<Array<[number, number]>>;
  pre?: string[];
  /** Word endings (`*ing`). */
  suf?: string[];
  opt: boolean;
  not: boolean;
  any: boolean;
  digit: boolean;
}

interface Phrase {
  kind: number;
  /** The first word's second hash (the first is the table's key). */
  first: number;
  slots: Slot[];
  /** 0: anywhere; 1: opens a clause; 2: the message's first word. */
  anchor: number;
  /** The first hashes the next word must have, when the next slot is one plain word (a quick test before matching). */
  next?: Set<number>;
  end: boolean;
  comma: boolean;
}

interface Table {
  /** Open addressing on the first word's first hash: `keys` holds hash + 1 (0 is empty), `lists` the phrases. */
  keys: Int32Array;
  at: Int32Array;
  lists: Phrase[][];
  /** Whether a prefix phrase starts with these two (ASCII) characters. */
  prefixStart: Uint8Array;
  /** Phrases whose first word is a prefix (`x*`), by the prefix's first two characters. */
  byPrefix: Map<number, Array<[string, Phrase]>>;
  kana: Array<[number, string]>;
  connectors: Set<number>;
  sie: [number, number];
}

/** The tables, by the kinds they hold (built on first use). */
const tables = new Map<number, Table>();

/** Folded character codes for U+00C0–U+024F: lower case without accents. */
let FOLD: Uint16Array | undefined;

function foldTable(): Uint16Array {
  const out = new Uint16Array(0x250 - 0xc0);
  for (let c = 0xc0; c < 0x250; c++) {
    const base = String.fromCharCode(c).toLowerCase().normalize('NFD').charCodeAt(0);
    out[c - 0xc0] = base;
  }
  return out;
}

const H2_SEED = 0x811c9dc5 | 0;
const hash1 = (h: number, c: number): number => (Math.imul(h, 31) + c) & 0x3fffffff;
const hash2 = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);

function hashes(word: string): [number, number] {
  let a = 0;
  let b = H2_SEED;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    a = hash1(a, c);
    b = hash2(b, c);
  }
  return [a, b];
}

/** Prefixes are ASCII: their first two characters as one number below 128 * 128 (0 for anything else). */
const prefixKey = (c0: number, c1: number): number => (c0 < 128 && c1 < 128 ? c0 * 128 + c1 : 0);
const TABLE_SIZE = 8192;

/** The phrases starting with the word of first hash `h`, or undefined. */
function lookup(t: Table, h: number): Phrase[] | undefined {
  for (let slot = h & (TABLE_SIZE - 1); ; slot = (slot + 1) & (TABLE_SIZE - 1)) {
    const key = t.keys[slot]!;
    if (key === 0) return undefined;
    if (key === h + 1) return t.lists[t.at[slot]!];
  }
}

function parseSlot(text: string): Slot {
  const slot: Slot = { opt: false, not: false, any: false, digit: false };
  if (text === '*') return { ...slot, any: true };
  if (text === '#') return { ...slot, digit: true };
  let body = text;
  if (body.startsWith('!')) {
    slot.not = true;
    body = body.slice(1);
  }
  if (body.startsWith('/')) {
    slot.opt = true;
    body = body.slice(1);
  }
  for (const choice of body.split('/')) {
    if (choice.endsWith('*')) (slot.pre ??= []).push(choice.slice(0, -1));
    else if (choice.startsWith('*')) (slot.suf ??= []).push(choice.slice(1));
    else if (choice.includes('_')) (slot.many ??= []).push(choice.split('_').map(hashes));
    else {
      const [a, b] = hashes(choice);
      (slot.h1 ??= new Set()).add(a);
      (slot.h2 ??= new Set()).add(b);
    }
  }
  return slot;
}

function build(only: number): Table {
  const byWord = new Map<number, Phrase[]>();
  const t: Table = {
    keys: new Int32Array(TABLE_SIZE),
    at: new Int32Array(TABLE_SIZE),
    lists: [],
    prefixStart: new Uint8Array(128 * 128),
    byPrefix: new Map(),
    kana: [],
    connectors: new Set(CONNECTORS.map((w) => hashes(w)[0])),
    sie: hashes('sie'),
  };
  const words = (slot: Slot): Array<[number, number]> => [...(slot.h1 ?? [])].map((a, i) => [a, [...slot.h2!][i]!]);
  const add = (phrase: Phrase, slots: Slot[]): void => {
    const [first, ...rest] = slots;
    if (!first) return;
    if (first.opt) {
      // Left out, or there: the word a phrase is found by is never optional.
      add(phrase, rest);
      add(phrase, [{ ...first, opt: false }, ...rest]);
      return;
    }
    for (const [a, b] of words(first)) {
      const list = byWord.get(a) ?? [];
      list.push({ ...phrase, first: b, slots: rest });
      byWord.set(a, list);
    }
    for (const seq of first.many ?? []) {
      const [[a, b], ...more] = seq as [[number, number], ...Array<[number, number]>];
      const list = byWord.get(a) ?? [];
      list.push({ ...phrase, first: b, slots: [...more.map(([x, y]): Slot => ({ h1: new Set([x]), h2: new Set([y]), opt: false, not: false, any: false, digit: false })), ...rest] });
      byWord.set(a, list);
    }
    for (const prefix of first.pre ?? []) {
      const key = prefixKey(prefix.charCodeAt(0), prefix.charCodeAt(1) || 0);
      t.prefixStart[key] = 1;
      const list = t.byPrefix.get(key) ?? [];
      list.push([prefix, { ...phrase, slots: rest }]);
      t.byPrefix.set(key, list);
    }
  };
  for (const [kind, phrases] of LATIN) {
    if ((kind & only) === 0) continue;
    for (let source of phrases.split('|')) {
      let anchor = 0;
      if (source.startsWith('^^')) [anchor, source] = [2, source.slice(2)];
      else if (source.startsWith('^')) [anchor, source] = [1, source.slice(1)];
      const end = source.endsWith('$');
      const comma = source.endsWith(',');
      if (end || comma) source = source.slice(0, -1);
      add({ kind, first: 0, slots: [], anchor, end, comma }, source.split(' ').map(parseSlot));
    }
  }
  for (const [kind, cues] of KANA) for (const cue of cues.split('|')) if (cue && (kind & only) !== 0) t.kana.push([kind, cue]);
  for (const list of [...byWord.values(), ...[...t.byPrefix.values()].map((l) => l.map(([, p]) => p))]) {
    for (const p of list) {
      const s0 = p.slots[0];
      if (s0 && s0.h1 && !s0.opt && !s0.not && !s0.any && !s0.digit && !s0.pre && !s0.suf && !s0.many) p.next = s0.h1;
    }
  }
  for (const [h, list] of byWord) {
    let slot = h & (TABLE_SIZE - 1);
    while (t.keys[slot] !== 0) slot = (slot + 1) & (TABLE_SIZE - 1);
    t.keys[slot] = h + 1;
    t.at[slot] = t.lists.length;
    t.lists.push(list);
  }
  return t;
}

/** Lower case, Latin accents removed (kana and kanji untouched), curly apostrophes straight. */
export function foldText(text: string): string {
  const fold = (FOLD ??= foldTable());
  const lower = text.toLowerCase();
  let out = '';
  let from = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    const f = c === 0x2019 ? 39 : c >= 0xc0 && c < 0x250 ? fold[c - 0xc0]! : c;
    if (f !== c) {
      out += lower.slice(from, i) + String.fromCharCode(f);
      from = i + 1;
    }
  }
  return from === 0 ? lower : out + lower.slice(from);
}

const isCjk = (c: number): boolean => (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
/** Letters and digits (Latin, Greek, Cyrillic, ... below U+2000). */
const isWordChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000);

/** What separates two words: 0 spaces or other marks (a menu path's `>` too), 1 a comma, 2 a clause mark (`-`, `)`), 3 a sentence end or a line break. */
function gapKind(c: number): number {
  switch (c) {
    case 46: // .
    case 33: // !
    case 63: // ?
    case 59: // ;
    case 58: // :
    case 10: // \n
    case 0x3002: // 。
    case 0xff01: // ！
    case 0xff1f: // ？
    case 0x2026: // …
    case 0xbf: // ¿
    case 0xa1: // ¡
      return 3;
    case 45: // -
    case 41: // )
      return 2;
    case 44: // ,
    case 0x3001: // 、
      return 1;
    default:
      return 0;
  }
}

// Scratch space for the words of the text being read (reading never nests).
let H1 = new Int32Array(256);
let H2 = new Int32Array(256);
let GAP = new Uint8Array(256);
let START = new Int32Array(256);
let END = new Int32Array(256);
let COVER = new Uint8Array(256);

// The text being read, for the helpers below (reading never nests).
let TEXT = '';
let N = 0;
let AFTER = 0;
let KINDS = 0;
let HITS: number[] = [];
let SUGGEST_AT: number[] = [];
let TOPIC_END = -1;
let ALIGNED = true;

/** Whether word k starts with `prefix` (folded). */
function startsWithAt(k: number, prefix: string): boolean {
  const s = START[k]!;
  if (END[k]! - s < prefix.length) return false;
  const fold = FOLD!;
  for (let i = 0; i < prefix.length; i++) {
    if (low(TEXT.charCodeAt(s + i), fold) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether word k ends with `suffix` (folded) and has more before it. */
function endsWithAt(k: number, suffix: string): boolean {
  const e = END[k]!;
  if (e - START[k]! <= suffix.length + 1) return false;
  const fold = FOLD!;
  for (let i = 0; i < suffix.length; i++) if (low(TEXT.charCodeAt(e - suffix.length + i), fold) !== suffix.charCodeAt(i)) return false;
  return true;
}

function isWord(slot: Slot, k: number): boolean {
  if (slot.h1 !== undefined && slot.h1.has(H1[k]!) && slot.h2!.has(H2[k]!)) return true;
  if (slot.pre !== undefined) for (const p of slot.pre) if (startsWithAt(k, p)) return true;
  if (slot.suf !== undefined) for (const p of slot.suf) if (endsWithAt(k, p)) return true;
  return false;
}

/** The end of the match of slots[s..] from word k, or -1. No phrase spans a sentence end. */
function match(slots: Slot[], s: number, k: number): number {
  if (s === slots.length) return k;
  const slot = slots[s]!;
  if (slot.not) return k < N && GAP[k]! < 3 && isWord(slot, k) ? -1 : match(slots, s + 1, k);
  if (k < N && GAP[k]! < 3) {
    if (slot.any || (slot.digit && /\d/.test(TEXT.slice(START[k]!, END[k]!))) || isWord(slot, k)) {
      const end = match(slots, s + 1, k + 1);
      if (end >= 0) return end;
    }
    if (slot.many !== undefined) {
      for (const seq of slot.many) {
        let m = 0;
        while (m < seq.length && k + m < N && H1[k + m] === seq[m]![0] && H2[k + m] === seq[m]![1] && (m === 0 || GAP[k + m]! < 3)) m++;
        if (m === seq.length) {
          const end = match(slots, s + 1, k + m);
          if (end >= 0) return end;
        }
      }
    }
  }
  return slot.opt ? match(slots, s + 1, k) : -1;
}

/** Word k opens a clause, or follows "then", "and", .... */
function opens(t: Table, k: number): boolean {
  return k === 0 || GAP[k]! >= 1 || t.connectors.has(H1[k - 1]!);
}

function tryPhrase(t: Table, p: Phrase, k: number): void {
  if ((p.anchor === 2 && k !== 0) || (p.anchor === 1 && !opens(t, k))) return;
  const end = p.slots.length === 0 ? k + 1 : match(p.slots, 0, k + 1);
  if (end < 0 || (p.end && end !== N) || (p.comma && (end < N ? GAP[end] : AFTER) !== 1)) return;
  KINDS |= p.kind;
  const mark = p.kind === FILLER || p.kind === GREETING ? 1 : p.kind === PERSON ? 2 : p.kind === TOPIC ? 4 : p.kind === FEEDBACK ? 8 : 0;
  if (mark) for (let m = k; m < end; m++) COVER[m]! |= mark;
  if (p.kind === SUGGESTS) SUGGEST_AT.push(k);
  else if (p.kind === TOPIC) TOPIC_END = end;
  HITS.push(p.kind, ALIGNED ? START[k]! : -1);
}

/** Clause openers that end like a past participle but report nothing ("Used to work", "Indeed"). */
const NOT_DONE = new Set('used need needed noted agreed appreciated indeed based interested supposed tired confused surprised worried annoyed frustrated excited concerned stressed scared pleased bored related unrelated limited unlimited advanced detailed expected unexpected hundred speed proceed exceed succeed entendido entendida querido querida bienvenido desole enchante desolee'.split(' '));

/** German separable prefixes before a participle's `ge` ("umgestellt", "eingestellt", "ausgewählt"). */
const PARTICLES = ['ein', 'um', 'aus', 'an', 'ab', 'auf', 'zu', 'neu', 'zuruck', 'hoch', 'nach', 'vor', 'mit', 'weg'];
const startsAt = (s: number, prefix: string, fold: Uint16Array): boolean => {
  for (let i = 0; i < prefix.length; i++) if (low(TEXT.charCodeAt(s + i), fold) !== prefix.charCodeAt(i)) return false;
  return true;
};
const geAt = (s: number, fold: Uint16Array): boolean => low(TEXT.charCodeAt(s), fold) === 103 && low(TEXT.charCodeAt(s + 1), fold) === 101;

/** Whether TEXT[s, e) is a past tense or participle that reports a step done: English `-ed`, Portuguese `-ei`, Spanish `-é`/`-ado`/`-ido`, French `-é(e)`, German `ge…t`. */
function reportsDone(s: number, e: number, fold: Uint16Array): boolean {
  const last = TEXT.charCodeAt(e - 1);
  const c1 = low(last, fold);
  const c2 = low(TEXT.charCodeAt(e - 2), fold);
  const c3 = low(TEXT.charCodeAt(e - 3), fold);
  let hit =
    (c2 === 101 && c1 === 100) || // -ed
    (c2 === 101 && c1 === 105) || // -ei
    last === 0xe9 || (c1 === 101 && TEXT.charCodeAt(e - 2) === 0xe9) || // -é, -ée
    (c1 === 111 && c2 === 100 && (c3 === 97 || c3 === 105)) || // -ado, -ido
    (c1 === 97 && c2 === 100 && (c3 === 97 || c3 === 105)) || // -ada, -ida
    (c1 === 116 && e - s >= 6 && (geAt(s, fold) || (c2 === 114 && c3 === 101 && low(TEXT.charCodeAt(e - 4), fold) === 105) || PARTICLES.some((p) => startsAt(s, p, fold) && geAt(s + p.length, fold)))); // ge…t, -iert, eingetragt/umgestellt
  if (hit) {
    let word = '';
    for (let i = s; i < e; i++) word += String.fromCharCode(low(TEXT.charCodeAt(i), fold));
    hit = !NOT_DONE.has(word);
  }
  return hit;
}

/** A character folded: ASCII and Latin letters in lower case without accents, `’` as `'`; anything else as it is. */
const low = (c: number, fold: Uint16Array): number => (c < 128 ? (c >= 65 && c <= 90 ? c + 32 : c) : c >= 0xc0 && c < 0x250 ? fold[c - 0xc0]! : c === 0x2019 ? 39 : c);

/** Reads the cues of a text in one pass over its characters (folded as they are read, never copied). `only` limits the kinds looked for. */
export function readCues(text: string, only = -1): Cues {
  let t = tables.get(only);
  if (t === undefined) tables.set(only, (t = build(only)));
  const fold = (FOLD ??= foldTable());
  const folded = text;
  const len = folded.length;
  if (H1.length < (len >> 1) + 2) {
    const size = (len >> 1) + 2;
    [H1, H2, GAP, START, END, COVER] = [new Int32Array(size), new Int32Array(size), new Uint8Array(size), new Int32Array(size), new Int32Array(size), new Uint8Array(size)];
  }
  // Words (as two hashes each), what separates each from the one before (the strongest mark), CJK characters.
  const h1s = H1;
  const h2s = H2;
  const gaps = GAP;
  const starts = START;
  const ends = END;
  const cover = COVER;
  let n = 0;
  let gap = 3;
  let cjk = 0;
  let inWord = false;
  let a = 0;
  let b = 0;
  let path = -1;
  for (let i = 0; i < len; i++) {
    const c = low(folded.charCodeAt(i), fold);
    let word = isWordChar(c);
    // An apostrophe or a hyphen inside a word ("don't", "pouvez-vous").
    if (!word && inWord && (c === 39 || c === 45) && i + 1 < len && isWordChar(folded.charCodeAt(i + 1))) word = true;
    if (word) {
      if (!inWord) {
        inWord = true;
        a = 0;
        b = H2_SEED;
        starts[n] = i;
        gaps[n] = gap;
      }
      a = hash1(a, c);
      b = hash2(b, c);
      continue;
    }
    if (inWord) {
      h1s[n] = a;
      h2s[n] = b;
      ends[n] = i;
      cover[n] = 0;
      n++;
      inWord = false;
      gap = 0;
    }
    if (isCjk(c)) {
      cjk++;
      if (gap < 1) gap = 1;
    } else {
      const g = gapKind(c);
      if (g > gap) gap = g;
      // A menu path ("Settings > Billing", "Ajustes → Batería"): where to go is a step.
      if (path < 0 && n > 0 && (c === 0x2192 || c === 0x203a || (c === 62 && i + 1 < len && folded.charCodeAt(i - 1) === 32 && folded.charCodeAt(i + 1) === 32))) path = i;
    }
  }
  if (inWord) {
    h1s[n] = a;
    h2s[n] = b;
    ends[n] = len;
    cover[n] = 0;
    n++;
    gap = 0;
  }
  AFTER = gap; // what follows the last word
  N = n;
  TEXT = folded;
  KINDS = 0;
  HITS = [];
  SUGGEST_AT = [];
  TOPIC_END = -1;
  ALIGNED = true; // the text is read as it is: offsets are its own
  const sie = t.sie;
  for (let k = 0; k < n; k++) {
    const exact = lookup(t, H1[k]!);
    if (exact) {
      const second = k + 1 < n && GAP[k + 1]! < 3 ? H1[k + 1]! : 0;
      for (const p of exact) if (p.first === H2[k] && (p.next === undefined || (second !== 0 && p.next.has(second)))) tryPhrase(t, p, k);
    }
    const s = START[k]!;
    const e = END[k]!;
    const key = prefixKey(low(folded.charCodeAt(s), fold), e > s + 1 ? low(folded.charCodeAt(s + 1), fold) : 0);
    if (t.prefixStart[key] === 1) for (const [prefix, p] of t.byPrefix.get(key)!) if (startsWithAt(k, prefix)) tryPhrase(t, p, k);
    // A report opening with what the user did: "Cleared it.", "Reprinted. But …", "Mudei para pública", "Cambiado", "Gemacht".
    if (only & DONE && (k === 0 || GAP[k]! >= 1) && e - s >= 5 && reportsDone(s, e, fold)) {
      KINDS |= DONE;
      HITS.push(DONE, s);
    }
    // German and French formal imperatives: "Prüfen Sie …", "Vérifiez …", opening a clause.
    if (only & SUGGESTS && e - s >= 3) {
      // "Envoyez-vous …": the imperative before a hyphenated pronoun.
      let w = e;
      for (let h = e - 2; h >= e - 6 && h > s + 2; h--) if (folded.charCodeAt(h) === 45) w = h;
      const last = low(folded.charCodeAt(w - 1), fold);
      if (last !== 122 && last !== 110) continue;
      const before = low(folded.charCodeAt(w - 2), fold);
      const ez = w - s > 3 && last === 122 && before === 101;
      // "-en", "-ern", "-eln" before "Sie".
      const formal =
        w === e && last === 110 && k + 1 < n && H1[k + 1] === sie[0] && H2[k + 1] === sie[1] && GAP[k + 1]! < 3 &&
        (before === 101 || ((before === 114 || before === 108) && low(folded.charCodeAt(w - 3), fold) === 101));
      if ((ez || formal) && opens(t, k)) {
        KINDS |= SUGGESTS;
        SUGGEST_AT.push(k);
        HITS.push(SUGGESTS, ALIGNED ? s : -1);
      }
    }
  }
  let kinds = KINDS;
  const hits = HITS;
  const suggestAt = SUGGEST_AT;
  let suggests = 0; // 1: a step suggested outside "let me know …"; 2: one inside it
  const aligned = ALIGNED;
  if (only & PATH && path >= 0) {
    kinds |= PATH;
    hits.push(PATH, path);
  }
  if (only & SUGGESTS && /(^|\n)\s*\d+[.)]\s/.test(folded)) {
    kinds |= SUGGESTS;
    suggestAt.push(-1);
    hits.push(SUGGESTS, -1);
  }

  // Japanese: substrings; greetings and pleasantries (then asks for a person, topic markers) are removed before counting what is left.
  let afterTopic = TOPIC_END < 0 ? 0 : n - TOPIC_END;
  let cjkLeft = cjk;
  let cjkBeyondPerson = cjk;
  let cjkBeyondTopic = cjk;
  if (cjk > 0) {
    let rest = folded;
    let person = '';
    let topic = '';
    for (const [kind, cue] of t.kana) {
      if ((kind & only) === 0 || !folded.includes(cue)) continue;
      kinds |= kind;
      if (kind === SUGGESTS) suggestAt.push(-1);
      hits.push(kind, aligned ? folded.indexOf(cue) : -1);
      if (kind === GREETING || kind === FILLER) rest = rest.split(cue).join(' ');
      else if (kind === PERSON) person += `|${cue}`;
      else if (kind === TOPIC) {
        topic += `|${cue}`;
        afterTopic = Math.max(afterTopic, (folded.length - folded.lastIndexOf(cue) - cue.length) >> 1);
      }
    }
    const count = (text: string, cues: string): number => {
      let out = text;
      for (const cue of cues.split('|')) if (cue) out = out.split(cue).join(' ');
      let k = 0;
      for (let i = 0; i < out.length; i++) if (isCjk(out.charCodeAt(i))) k++;
      return k;
    };
    cjkLeft = count(rest, '');
    cjkBeyondPerson = count(rest, person);
    cjkBeyondTopic = count(rest, topic);
  }
  let says = 0;
  let saysBeyondPerson = 0;
  let saysBeyondTopic = 0;
  for (let k = 0; k < n; k++) {
    const c = COVER[k]!;
    if (c & 1) continue;
    says++;
    if (!(c & 2)) saysBeyondPerson++;
    if (!(c & 4)) saysBeyondTopic++;
  }
  for (const k of suggestAt) suggests |= k < 0 || !(COVER[k]! & 8) ? 1 : 2;
  return {
    kinds,
    folded,
    says,
    saysBeyondPerson,
    saysBeyondTopic,
    cjk: cjkLeft,
    cjkBeyondPerson,
    cjkBeyondTopic,
    words: n,
    suggestsOutsideFeedback: (suggests & 1) !== 0,
    afterTopic,
    hits,
  };
}

/** A message that only asks something back ("Which browser?") suggests no step. */
export function isOnlyQuestion(folded: string): boolean {
  const t = folded.trim();
  return (t.endsWith('?') || t.endsWith('？') || t.endsWith('か。') || t.endsWith('か')) && !/[.!](\s|$)|[。！]/u.test(t.slice(0, -1));
}
