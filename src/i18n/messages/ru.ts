/** The rule messages in Russian, by `ruleId/messageId` (util/message-template.ts: placeholders and plural words). */
export const ru: Readonly<Record<string, string>> = {
  "back-and-forth/loop": "клиент может ходить здесь по кругу: шаги {{steps}} ведут друг к другу и не доходят до цели",
  "back-and-forth/selfLoop": "шаг `{{step}}` ведёт обратно к самому себе и не доходит до цели",
  "branch-fallthrough/fallsThrough":
    "`{{step}}` находится на ветке решения `{{decision}}` и без `next` продолжается по порядку файла в `{{next}}`, куда ведёт другая ветка: задайте для `{{step}}` поле `next` (`next: []`, если ветка там заканчивается)",
  "catalog-unused/channel": "ни один путь проекта не использует канал `{{id}}`: опишите шаги, которые в нём происходят, или удалите его из конфигурации",
  "catalog-unused/persona": "ни один путь проекта не относится к персоне `{{id}}`: опишите один из её путей или удалите её из конфигурации",
  "catalog-unused/team":
    "ни один путь проекта не называет команду `{{id}}` (как исполнителя, владельца или при передаче): опишите её участие или удалите её из конфигурации",
  "channel-missing/missing":
    "шаг `{{step}}` виден клиенту, но в нём не указан `channel`: укажите, где это происходит (сайт, e-mail, магазин, ...); если клиент его не видит, укажите, кто его выполняет (`actor: agent`, `actor: system` или команда), и шаг уйдёт за кулисы",
  "channel-unknown/unknown": "канал `{{channel}}` не объявлен ни в `channels` этого пути, ни в journey.config.yaml, где объявлены {{known}}",
  "channel-unknown/didYouMean":
    "канал `{{channel}}` не объявлен ни в `channels` этого пути, ни в journey.config.yaml, где объявлены {{known}}; возможно, вы имели в виду `{{suggestion}}`?",
  "channel-missing/internal":
    "шаг `{{step}}` выполняет `{{actor}}` на видимой клиенту дорожке, но в нём не указан `channel`: укажите канал, в котором его видит клиент, или напишите `lane: backstage`, если клиент его не видит",
  "channel-unknown/none":
    "канал `{{channel}}` не объявлен, как и ни один другой: объявите каналы в разделе `channels:` в journey.config.yaml (общие для всех путей) или в этом пути",
  "channel-unused/unused": "канал `{{channel}}` объявлен здесь, но ни один шаг его не использует",
  "dead-end/deadEnd":
    "поток останавливается на шаге `{{step}}`, который не является ни целевым шагом, ни `type: end`: добавьте `next` или сделайте его концом с `outcome`",
  "decision-single-branch/single":
    "у решения `{{step}}` {{count}} {{count|one:ветка|few:ветки|many:веток|other:ветки}}: укажите в `next` две или больше, например `[{to: pays, when: has card}, {to: asks, when: no card}]`",
  "drop-off-high/high": "после `{{step}}` теряется {{percent}} % клиентов ({{lost}} из {{from}} дошедших; порог — {{max}} %)",
  "drop-off-high/highMeasured":
    "после `{{step}}` теряется {{percent}} % клиентов (путь {{lost}} из {{from}} дошедших закончился здесь, по журналу событий с {{since}} по {{until}}; порог — {{max}} %)",
  "emotion-unaddressed/unaddressed":
    "на шаге `{{step}}` клиенту плохо (эмоция {{emotion}}), но ни `pain_points`, ни `opportunities` не говорят, почему и что с этим делать",
  "feedback-missing/missing":
    "ни один шаг на цели или после неё не собирает обратную связь: добавьте опрос, просьбу оставить отзыв или интервью с `collects: feedback`",
  "goal-unreachable/unreachable": "ни один путь не ведёт от входа ({{entries}}) к целевому шагу ({{goals}}): проверьте `next` и `entry`",
  "handoff-owner-missing/handoff": "в передаче `{{step}}` не сказано, кто кому передаёт дело: добавьте команды `from` и `to` или `owner`",
  "handoff-owner-missing/backstage": "у закулисного шага `{{step}}` нет ответственного: добавьте `owner` или сделайте команду его `actor`",
  "journey-loop/loop":
    "клиент может ходить по кругу между путями {{journeys}} по их ссылкам и не достичь цели ни одного из них: дайте этому кругу выход к цели",
  "metrics-inconsistent/moreThanPredecessor":
    "до `{{step}}` дошло больше клиентов ({{reached}}), чем до `{{predecessor}}`, единственного шага, который к нему ведёт ({{before}}): проверьте цифры или поток, если клиенты попадают туда и другим путём",
  "metrics-inconsistent/moreThanPredecessors":
    "до `{{step}}` дошло больше клиентов ({{reached}}), чем до всех ведущих к нему шагов вместе взятых ({{predecessors}}: {{before}}): проверьте цифры или поток, если клиенты попадают туда и другим путём",
  "path-too-long/tooLong":
    "от `{{step}}` клиенту нужно не менее {{length}} {{length|one:шага|few:шагов|many:шагов|other:шага}}, чтобы дойти до цели (порог — {{max}}): сократите путь",
  "persona-missing/missing": "в этом пути не указана `persona`: скажите, чей это путь (id из journey.config.yaml или персона, описанная прямо в файле)",
  "persona-missing/noGoals": "у персоны `{{persona}}` нет `goals`: карта пути клиента строится вокруг того, чего хочет клиент",
  "self-service-missing/missing":
    "клиентам приходится обращаться к вам ({{count}} {{count|one:обращение|few:обращения|many:обращений|other:обращения}}), но ни один шаг не предлагает самообслуживание: страница FAQ или статья базы знаний (`self_service: true`) отвечает на многие вопросы ещё до того, как их зададут",
  "single-support-channel/single":
    "все обращения в этом пути идут только через `{{channel}}`: дайте клиентам второй способ связаться с вами (e-mail, чат, телефон, ...)",
  "stage-empty/empty": "на этапе `{{stage}}` нет шагов: добавьте, что клиент здесь делает, или удалите этап",
  "sync-channel-overlap/overlap":
    "`{{step}}` требует, чтобы один оператор одновременно обслуживал {{channels}}, и все они синхронные: никто не может одновременно говорить по телефону и вести онлайн-чат (лучше сочетайте синхронный канал с асинхронным)",
  "sync-channel-overlap/overlapTeam":
    "`{{step}}` требует, чтобы один сотрудник команды `{{team}}` одновременно обслуживал {{channels}}, и все они синхронные: никто не может одновременно говорить по телефону и вести онлайн-чат (лучше сочетайте синхронный канал с асинхронным)",
  "too-many-handoffs/tooMany":
    "обращение `{{step}}` проходит через {{count}} {{count|one:передачу|few:передачи|many:передач|other:передачи}}, прежде чем на него ответят (порог — {{max}}): клиент ждёт, пока дело переходит из рук в руки",
  "touchpoint-unanswered/noResponse": "на обращение `{{step}}` никто не отвечает: добавьте шаг с `type: response` и `answers: {{step}}`",
  "touchpoint-unanswered/unreachable": "ответ на обращение `{{step}}` есть в {{responses}}, но от обращения поток туда никогда не доходит",
  "unreachable-step/unreachable": "ни один путь от входа не доходит до шага `{{step}}`: свяжите его через `next`, добавьте в `entry` или удалите",
};
