/** The rule messages in Danish, by `ruleId/messageId` (util/message-template.ts: placeholders and plural words). */
export const da: Readonly<Record<string, string>> = {
  "back-and-forth/loop": "kunden kan gå i ring her: trinnene {{steps}} fører tilbage til hinanden uden at nå målet",
  "back-and-forth/selfLoop": "trinnet `{{step}}` fører tilbage til sig selv uden at nå målet",
  "branch-fallthrough/fallsThrough":
    "`{{step}}` ligger på en gren af beslutningen `{{decision}}` og fortsætter uden `next` i filens rækkefølge til `{{next}}`, som en anden gren fører til: giv `{{step}}` et `next` (`next: []`, når grenen slutter der)",
  "catalog-unused/channel": "ingen rejse i projektet bruger kanalen `{{id}}`: kortlæg de trin, der sker der, eller fjern den fra konfigurationen",
  "catalog-unused/persona": "ingen rejse i projektet er for personaen `{{id}}`: kortlæg en af deres rejser, eller fjern den fra konfigurationen",
  "catalog-unused/team":
    "ingen rejse i projektet nævner teamet `{{id}}` (som aktør, ejer eller overdragelse): kortlæg deres del, eller fjern det fra konfigurationen",
  "channel-missing/missing":
    "trinnet `{{step}}` ses af kunden, men angiver ingen `channel`: skriv, hvor det foregår (websted, e-mail, butik, ...); ser kunden det ikke, så skriv, hvem der udfører det (`actor: agent`, `actor: system` eller et team), så det hører til backstage",
  "channel-unknown/unknown": "kanalen `{{channel}}` er hverken defineret i rejsens `channels` eller i journey.config.yaml, som definerer {{known}}",
  "channel-unknown/didYouMean":
    "kanalen `{{channel}}` er hverken defineret i rejsens `channels` eller i journey.config.yaml, som definerer {{known}}; mente du `{{suggestion}}`?",
  "channel-missing/internal":
    "trinnet `{{step}}` udføres af `{{actor}}` på frontstage-sporet, men angiver ingen `channel`: angiv kanalen, hvor kunden ser det, eller skriv `lane: backstage`, hvis kunden ikke ser det",
  "channel-unknown/none":
    "kanalen `{{channel}}` er ikke defineret, og det er ingen kanal: definér kanalerne under `channels:` i journey.config.yaml (fælles for alle rejser) eller i denne rejse",
  "channel-unused/unused": "kanalen `{{channel}}` er defineret her, men intet trin bruger den",
  "dead-end/deadEnd":
    "forløbet stopper ved `{{step}}`, som hverken er et måltrin eller `type: end`: tilføj `next`, eller gør trinnet til en afslutning med et `outcome`",
  "decision-single-branch/single":
    "beslutningen `{{step}}` har {{count}} {{count|one:gren|other:grene}}: angiv to eller flere i `next`, f.eks. `[{to: pays, when: has card}, {to: asks, when: no card}]`",
  "drop-off-high/high": "{{percent}} % af kunderne går tabt efter `{{step}}` ({{lost}} af de {{from}}, der nåede dertil; grænsen er {{max}} %)",
  "drop-off-high/highMeasured":
    "{{percent}} % af kunderne går tabt efter `{{step}}` (vejen sluttede der for {{lost}} af de {{from}}, der nåede dertil, målt i hændelsesloggen fra {{since}} til {{until}}; grænsen er {{max}} %)",
  "emotion-unaddressed/unaddressed":
    "kunden har det dårligt ved `{{step}}` (følelse {{emotion}}), men hverken `pain_points` eller `opportunities` siger hvorfor, eller hvad der skal gøres",
  "feedback-missing/missing":
    "intet trin ved eller efter målet indsamler feedback: tilføj en spørgeskemaundersøgelse, en anmodning om en anmeldelse eller et interview med `collects: feedback`",
  "goal-unreachable/unreachable": "ingen vej fører fra starten ({{entries}}) til et måltrin ({{goals}}): tjek `next` og `entry`",
  "handoff-owner-missing/handoff": "overdragelsen `{{step}}` siger ikke, hvem der overdrager til hvem: tilføj teams i `from` og `to`, eller en `owner`",
  "handoff-owner-missing/backstage": "trinnet `{{step}}` bag kulisserne har ingen ansvarlig: tilføj `owner`, eller gør et team til dets `actor`",
  "journey-loop/loop": "kunden kan gå i ring mellem rejserne {{journeys}} via deres links uden at nå et mål i nogen af dem: giv løkken en vej til et mål",
  "metrics-inconsistent/moreThanPredecessor":
    "`{{step}}` blev nået af flere kunder ({{reached}}) end `{{predecessor}}`, det eneste trin, der fører dertil ({{before}}): tjek tallene, eller forløbet, hvis kunderne også kommer ind ad en anden vej",
  "metrics-inconsistent/moreThanPredecessors":
    "`{{step}}` blev nået af flere kunder ({{reached}}) end alle de trin, der fører dertil, tilsammen ({{predecessors}}: {{before}}): tjek tallene, eller forløbet, hvis kunderne også kommer ind ad en anden vej",
  "path-too-long/tooLong": "fra `{{step}}` skal kunden igennem mindst {{length}} trin for at nå målet (grænsen er {{max}}): gør rejsen kortere",
  "persona-missing/missing": "rejsen angiver ingen `persona`: skriv, hvis rejse det er (et id fra journey.config.yaml eller en persona direkte i filen)",
  "persona-missing/noGoals": "personaen `{{persona}}` har ingen `goals`: et kunderejsekort bygges op om det, kunden vil opnå",
  "self-service-missing/missing":
    "kunderne er nødt til at kontakte jer ({{count}} {{count|one:henvendelse|other:henvendelser}}), men intet trin tilbyder selvbetjening: en FAQ eller en artikel i vidensbasen (`self_service: true`) besvarer mange spørgsmål, før de bliver stillet",
  "single-support-channel/single":
    "alle henvendelser på denne rejse går kun gennem `{{channel}}`: giv kunderne en anden måde at kontakte jer på (e-mail, chat, telefon, ...)",
  "stage-empty/empty": "fasen `{{stage}}` har ingen trin: tilføj, hvad kunden gør her, eller fjern fasen",
  "sync-channel-overlap/overlap":
    "`{{step}}` beder én medarbejder om at betjene {{channels}} på samme tid, og de er alle synkrone: ingen kan føre en telefonsamtale og en livechat samtidig (kombinér i stedet en synkron kanal med en asynkron)",
  "sync-channel-overlap/overlapTeam":
    "`{{step}}` beder én person fra teamet `{{team}}` om at betjene {{channels}} på samme tid, og de er alle synkrone: ingen kan føre en telefonsamtale og en livechat samtidig (kombinér i stedet en synkron kanal med en asynkron)",
  "too-many-handoffs/tooMany":
    "henvendelsen `{{step}}` går gennem {{count}} {{count|one:overdragelse|other:overdragelser}}, før den bliver besvaret (grænsen er {{max}}): kunden venter, mens sagen skifter hænder",
  "touchpoint-unanswered/noResponse": "henvendelsen `{{step}}` bliver aldrig besvaret: tilføj et trin med `type: response` og `answers: {{step}}`",
  "touchpoint-unanswered/unreachable": "henvendelsen `{{step}}` besvares af {{responses}}, men forløbet når aldrig dertil fra henvendelsen",
  "unreachable-step/unreachable": "ingen vej fra starten når trinnet `{{step}}`: forbind det med `next`, føj det til `entry`, eller fjern det",
};
