/** The rule messages in Bulgarian, by `ruleId/messageId` (util/message-template.ts: placeholders and plural words). */
export const bg: Readonly<Record<string, string>> = {
  "back-and-forth/loop": "клиентът може да се върти в кръг тук: стъпките {{steps}} водят обратно една към друга, без да стигат до целта",
  "back-and-forth/selfLoop": "стъпката `{{step}}` води обратно към самата себе си, без да стига до целта",
  "branch-fallthrough/fallsThrough":
    "`{{step}}` е в разклонение на решението `{{decision}}` и без `next` продължава по реда на файла към `{{next}}`, към която води друго разклонение: дайте на `{{step}}` поле `next` (`next: []`, ако разклонението свършва там)",
  "channel-missing/missing":
    "стъпката `{{step}}` се вижда от клиента, но не посочва `channel`: напишете къде се случва (уебсайт, имейл, магазин, ...); ако клиентът не я вижда, посочете кой я изпълнява (`actor: agent`, `actor: system` или екип) и тя минава зад кулисите",
  "channel-unknown/unknown":
    "каналът `{{channel}}` не е дефиниран нито в `channels` на този маршрут, нито в journey.config.yaml, където са дефинирани {{known}}",
  "channel-unknown/didYouMean":
    "каналът `{{channel}}` не е дефиниран нито в `channels` на този маршрут, нито в journey.config.yaml, където са дефинирани {{known}}; може би имахте предвид `{{suggestion}}`?",
  "channel-missing/internal":
    "стъпката `{{step}}` се изпълнява от `{{actor}}` в линията пред клиента, но не посочва `channel`: посочете канала, в който клиентът я вижда, или напишете `lane: backstage`, ако клиентът не я вижда",
  "channel-unknown/none":
    "каналът `{{channel}}` не е дефиниран, както и никой друг канал: дефинирайте каналите под `channels:` в journey.config.yaml (общи за всички маршрути) или в този маршрут",
  "channel-unused/unused": "каналът `{{channel}}` е дефиниран тук, но никоя стъпка не го използва",
  "dead-end/deadEnd":
    "потокът спира при стъпката `{{step}}`, която не е нито целева стъпка, нито `type: end`: добавете `next` или я направете край с `outcome`",
  "decision-single-branch/single":
    "решението `{{step}}` има {{count}} {{count|one:разклонение|other:разклонения}}: посочете две или повече в `next`, напр. `[{to: pays, when: has card}, {to: asks, when: no card}]`",
  "drop-off-high/high": "{{percent}}% от клиентите се губят след `{{step}}` ({{lost}} от {{from}} стигнали; прагът е {{max}}%)",
  "drop-off-high/highMeasured":
    "{{percent}}% от клиентите се губят след `{{step}}` (пътят на {{lost}} от {{from}} стигнали е завършил тук, измерено в журнала на събитията от {{since}} до {{until}}; прагът е {{max}}%)",
  "emotion-unaddressed/unaddressed":
    "клиентът се чувства зле при `{{step}}` (емоция {{emotion}}), но нито `pain_points`, нито `opportunities` казват защо и какво да се направи",
  "feedback-missing/missing":
    "никоя стъпка при целта или след нея не събира обратна връзка: добавете анкета, молба за отзив или интервю с `collects: feedback`",
  "goal-unreachable/unreachable": "никой път не води от входа ({{entries}}) до целева стъпка ({{goals}}): проверете `next` и `entry`",
  "handoff-owner-missing/handoff": "прехвърлянето `{{step}}` не казва кой на кого предава работата: добавете екипи в `from` и `to` или `owner`",
  "handoff-owner-missing/backstage": "стъпката зад кулисите `{{step}}` няма отговорник: добавете `owner` или направете екип неин `actor`",
  "metrics-inconsistent/moreThanPredecessor":
    "до `{{step}}` са стигнали повече клиенти ({{reached}}), отколкото до `{{predecessor}}`, единствената стъпка, която води до нея ({{before}}): проверете числата или потока, ако клиентите влизат там и по друг път",
  "metrics-inconsistent/moreThanPredecessors":
    "до `{{step}}` са стигнали повече клиенти ({{reached}}), отколкото до всички стъпки, които водят до нея, взети заедно ({{predecessors}}: {{before}}): проверете числата или потока, ако клиентите влизат там и по друг път",
  "path-too-long/tooLong":
    "от `{{step}}` клиентът има нужда от поне {{length}} {{length|one:стъпка|other:стъпки}}, за да стигне до целта (прагът е {{max}}): скъсете маршрута",
  "persona-missing/missing": "този маршрут не посочва `persona`: напишете чий е маршрутът (id от journey.config.yaml или персона, описана направо във файла)",
  "persona-missing/noGoals": "персоната `{{persona}}` няма `goals`: картата на клиентския маршрут се изгражда около това, което клиентът иска",
  "self-service-missing/missing":
    "клиентите трябва да се свързват с вас ({{count}} {{count|one:запитване|other:запитвания}}), но никоя стъпка не предлага самообслужване: страница с често задавани въпроси или статия в базата знания (`self_service: true`) отговаря на много въпроси, преди да бъдат зададени",
  "single-support-channel/single":
    "всяко запитване в този маршрут минава само през `{{channel}}`: дайте на клиентите втори начин да се свържат с вас (имейл, чат, телефон, ...)",
  "stage-empty/empty": "етапът `{{stage}}` няма стъпки: добавете какво прави клиентът тук или премахнете етапа",
  "sync-channel-overlap/overlap":
    "`{{step}}` изисква един служител да обслужва едновременно {{channels}}, а всички са синхронни: никой не може да води телефонен разговор и чат на живо едновременно (по-добре съчетайте синхронен канал с асинхронен)",
  "sync-channel-overlap/overlapTeam":
    "`{{step}}` изисква един човек от екипа `{{team}}` да обслужва едновременно {{channels}}, а всички са синхронни: никой не може да води телефонен разговор и чат на живо едновременно (по-добре съчетайте синхронен канал с асинхронен)",
  "too-many-handoffs/tooMany":
    "запитването `{{step}}` минава през {{count}} {{count|one:прехвърляне|other:прехвърляния}}, преди да получи отговор (прагът е {{max}}): клиентът чака, докато случаят минава от ръка на ръка",
  "touchpoint-unanswered/noResponse": "запитването `{{step}}` никога не получава отговор: добавете стъпка с `type: response` и `answers: {{step}}`",
  "touchpoint-unanswered/unreachable": "на запитването `{{step}}` се отговаря в {{responses}}, но потокът никога не стига дотам от запитването",
  "unreachable-step/unreachable": "никой път от входа не стига до стъпката `{{step}}`: свържете я с `next`, добавете я в `entry` или я премахнете",
};
