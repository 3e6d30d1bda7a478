/** The rule messages in Polish, by `ruleId/messageId` (util/message-template.ts: placeholders and plural words). */
export const pl: Readonly<Record<string, string>> = {
  "back-and-forth/loop": "klient może tu krążyć w kółko: kroki {{steps}} prowadzą z powrotem do siebie nawzajem i nie docierają do celu",
  "back-and-forth/selfLoop": "krok `{{step}}` prowadzi z powrotem do samego siebie i nie dociera do celu",
  "branch-fallthrough/fallsThrough":
    "`{{step}}` leży na gałęzi decyzji `{{decision}}` i bez `next` przechodzi w kolejności pliku do `{{next}}`, do którego prowadzi inna gałąź: dodaj do `{{step}}` pole `next` (`next: []`, jeśli gałąź tam się kończy)",
  "catalog-unused/channel": "żadna ścieżka projektu nie używa kanału `{{id}}`: odwzoruj kroki, które się w nim odbywają, albo usuń go z konfiguracji",
  "catalog-unused/persona": "żadna ścieżka projektu nie dotyczy persony `{{id}}`: odwzoruj jedną z jej ścieżek albo usuń ją z konfiguracji",
  "catalog-unused/team":
    "żadna ścieżka projektu nie wymienia zespołu `{{id}}` (jako aktora, właściciela ani w przekazaniu): odwzoruj jego część albo usuń go z konfiguracji",
  "channel-missing/missing":
    "klient widzi krok `{{step}}`, ale nie podano w nim `channel`: wskaż, gdzie się odbywa (strona internetowa, e-mail, sklep, ...); jeśli klient go nie widzi, wskaż, kto go wykonuje (`actor: agent`, `actor: system` lub zespół), co przenosi go na zaplecze",
  "channel-unknown/unknown": "kanał `{{channel}}` nie jest zdefiniowany ani w `channels` tej ścieżki, ani w journey.config.yaml, które definiują {{known}}",
  "channel-unknown/didYouMean":
    "kanał `{{channel}}` nie jest zdefiniowany ani w `channels` tej ścieżki, ani w journey.config.yaml, które definiują {{known}}; czy chodziło o `{{suggestion}}`?",
  "channel-missing/internal":
    "krok `{{step}}` wykonuje `{{actor}}` na torze frontstage, ale nie podano w nim `channel`: wskaż kanał, w którym widzi go klient, albo wpisz `lane: backstage`, jeśli klient go nie widzi",
  "channel-unknown/none":
    "kanał `{{channel}}` nie jest zdefiniowany, podobnie jak żaden inny: zdefiniuj kanały w sekcji `channels:` w journey.config.yaml (wspólne dla wszystkich ścieżek) lub w tej ścieżce",
  "channel-unused/unused": "kanał `{{channel}}` jest tu zdefiniowany, ale żaden krok z niego nie korzysta",
  "dead-end/deadEnd":
    "przepływ zatrzymuje się na kroku `{{step}}`, który nie jest ani krokiem docelowym, ani `type: end`: dodaj `next` albo zrób z niego zakończenie z `outcome`",
  "decision-single-branch/single":
    "decyzja `{{step}}` ma {{count}} {{count|one:gałąź|few:gałęzie|many:gałęzi|other:gałęzi}}: podaj w `next` co najmniej dwie, np. `[{to: pays, when: has card}, {to: asks, when: no card}]`",
  "drop-off-high/high": "po `{{step}}` odpada {{percent}}% klientów ({{lost}} z {{from}}, którzy tam dotarli; limit to {{max}}%)",
  "drop-off-high/highMeasured":
    "po `{{step}}` odpada {{percent}}% klientów (ścieżka {{lost}} z {{from}}, którzy tam dotarli, skończyła się tutaj, zmierzone w dzienniku zdarzeń od {{since}} do {{until}}; limit to {{max}}%)",
  "emotion-unaddressed/unaddressed":
    "klient czuje się źle przy `{{step}}` (emocje {{emotion}}), ale ani `pain_points`, ani `opportunities` nie mówią, dlaczego ani co z tym zrobić",
  "feedback-missing/missing": "żaden krok w celu ani po nim nie zbiera opinii: dodaj ankietę, prośbę o recenzję lub wywiad z `collects: feedback`",
  "goal-unreachable/unreachable": "żadna ścieżka nie prowadzi od wejścia ({{entries}}) do kroku docelowego ({{goals}}): sprawdź `next` i `entry`",
  "handoff-owner-missing/handoff": "przekazanie `{{step}}` nie mówi, kto komu przekazuje sprawę: dodaj zespoły `from` i `to` albo `owner`",
  "handoff-owner-missing/backstage": "krok na zapleczu `{{step}}` nie ma właściciela: dodaj `owner` albo ustaw zespół jako jego `actor`",
  "journey-loop/loop": "klient może krążyć między ścieżkami {{journeys}} przez ich powiązania i nie dotrzeć do celu żadnej z nich: daj tej pętli drogę do celu",
  "metrics-inconsistent/moreThanPredecessor":
    "do `{{step}}` dotarło więcej klientów ({{reached}}) niż do `{{predecessor}}`, jedynego kroku, który do niego prowadzi ({{before}}): sprawdź liczby albo przepływ, jeśli klienci trafiają tam także inną drogą",
  "metrics-inconsistent/moreThanPredecessors":
    "do `{{step}}` dotarło więcej klientów ({{reached}}) niż do wszystkich prowadzących do niego kroków razem ({{predecessors}}: {{before}}): sprawdź liczby albo przepływ, jeśli klienci trafiają tam także inną drogą",
  "path-too-long/tooLong":
    "od `{{step}}` klient musi przejść co najmniej {{length}} {{length|one:krok|few:kroki|many:kroków|other:kroku}}, aby dotrzeć do celu (limit to {{max}}): skróć ścieżkę",
  "persona-missing/missing": "ta ścieżka nie wskazuje `persona`: napisz, czyja to ścieżka (id z journey.config.yaml lub persona opisana w samym pliku)",
  "persona-missing/noGoals": "persona `{{persona}}` nie ma `goals`: mapa ścieżki klienta powstaje wokół tego, czego klient chce",
  "self-service-missing/missing":
    "klienci muszą się z wami kontaktować ({{count}} {{count|one:kontakt|few:kontakty|many:kontaktów|other:kontaktu}}), ale żaden krok nie oferuje samoobsługi: strona FAQ lub artykuł w bazie wiedzy (`self_service: true`) odpowiada na wiele pytań, zanim ktoś je zada",
  "single-support-channel/single":
    "każdy kontakt na tej ścieżce przechodzi wyłącznie przez `{{channel}}`: daj klientom drugi sposób kontaktu (e-mail, czat, telefon, ...)",
  "stage-empty/empty": "etap `{{stage}}` nie ma kroków: dodaj, co klient tu robi, albo usuń etap",
  "sync-channel-overlap/overlap":
    "`{{step}}` każe jednemu konsultantowi obsługiwać jednocześnie {{channels}}, a wszystkie są synchroniczne: nikt nie poprowadzi naraz rozmowy telefonicznej i czatu na żywo (połącz raczej kanał synchroniczny z asynchronicznym)",
  "sync-channel-overlap/overlapTeam":
    "`{{step}}` każe jednej osobie z zespołu `{{team}}` obsługiwać jednocześnie {{channels}}, a wszystkie są synchroniczne: nikt nie poprowadzi naraz rozmowy telefonicznej i czatu na żywo (połącz raczej kanał synchroniczny z asynchronicznym)",
  "too-many-handoffs/tooMany":
    "kontakt `{{step}}` przechodzi przez {{count}} {{count|one:przekazanie|few:przekazania|many:przekazań|other:przekazania}}, zanim dostanie odpowiedź (limit to {{max}}): klient czeka, a sprawa przechodzi z rąk do rąk",
  "touchpoint-unanswered/noResponse": "kontakt `{{step}}` nigdy nie dostaje odpowiedzi: dodaj krok z `type: response` i `answers: {{step}}`",
  "touchpoint-unanswered/unreachable": "kontakt `{{step}}` ma odpowiedź w {{responses}}, ale od tego kontaktu przepływ nigdy tam nie dociera",
  "unreachable-step/unreachable": "żadna ścieżka od wejścia nie prowadzi do kroku `{{step}}`: połącz go przez `next`, dodaj do `entry` albo usuń",
};
