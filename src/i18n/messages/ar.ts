/** The rule messages in Arabic, by `ruleId/messageId` (util/message-template.ts: placeholders and plural words). */
export const ar: Readonly<Record<string, string>> = {
  "back-and-forth/loop": "قد يدور العميل هنا في حلقة: الخطوات {{steps}} تعود إحداها إلى الأخرى دون الوصول إلى الهدف",
  "back-and-forth/selfLoop": "الخطوة `{{step}}` تعود إلى نفسها دون الوصول إلى الهدف",
  "branch-fallthrough/fallsThrough":
    "الخطوة `{{step}}` على أحد فروع القرار `{{decision}}`، ولأنها بلا `next` تنتقل بترتيب الملف إلى `{{next}}`، وهي وجهة فرع آخر: أضف `next` إلى `{{step}}` (`next: []` إذا كان الفرع ينتهي هناك)",
  "catalog-unused/channel": "لا توجد رحلة في المشروع تستخدم القناة `{{id}}`: ارسم الخطوات التي تجري فيها، أو احذفها من الإعدادات",
  "catalog-unused/persona": "لا توجد رحلة في المشروع للشخصية `{{id}}`: ارسم إحدى رحلاتها، أو احذفها من الإعدادات",
  "catalog-unused/team": "لا توجد رحلة في المشروع تذكر الفريق `{{id}}` (منفّذًا أو مالكًا أو في تسليم): ارسم دوره، أو احذفه من الإعدادات",
  "channel-missing/missing":
    "الخطوة `{{step}}` يراها العميل لكنها لا تذكر `channel`: اذكر أين تحدث (الموقع الإلكتروني، البريد الإلكتروني، المتجر، ...)؛ وإذا كان العميل لا يراها فاذكر من يقوم بها (`actor: agent` أو `actor: system` أو فريق)، فتنتقل إلى ما وراء الكواليس",
  "channel-unknown/unknown": "القناة `{{channel}}` غير معرّفة في `channels` هذه الرحلة ولا في journey.config.yaml، والمعرّف فيهما: {{known}}",
  "channel-unknown/didYouMean":
    "القناة `{{channel}}` غير معرّفة في `channels` هذه الرحلة ولا في journey.config.yaml، والمعرّف فيهما: {{known}}؛ هل تقصد `{{suggestion}}`؟",
  "channel-missing/internal":
    "الخطوة `{{step}}` يقوم بها `{{actor}}` في المسار الذي يراه العميل لكنها لا تذكر `channel`: اذكر القناة التي يراها فيها العميل، أو اكتب `lane: backstage` إذا كان العميل لا يراها",
  "channel-unknown/none":
    "القناة `{{channel}}` غير معرّفة، ولا توجد أي قناة معرّفة: عرّف القنوات تحت `channels:` في journey.config.yaml (مشتركة بين كل الرحلات) أو في هذه الرحلة",
  "channel-unused/unused": "القناة `{{channel}}` معرّفة هنا لكن لا تستخدمها أي خطوة",
  "dead-end/deadEnd": "يتوقف المسار عند `{{step}}`، وهي ليست خطوة هدف ولا `type: end`: أضف `next` أو اجعلها نهاية لها `outcome`",
  "decision-single-branch/single":
    "عدد فروع القرار `{{step}}` هو {{count}}، والمطلوب فرعان أو أكثر في `next`، مثل `[{to: pays, when: has card}, {to: asks, when: no card}]`",
  "drop-off-high/high": "يُفقد {{percent}}٪ من العملاء بعد `{{step}}` ({{lost}} من {{from}} وصلوا إليها؛ والحد {{max}}٪)",
  "drop-off-high/highMeasured":
    "يُفقد {{percent}}٪ من العملاء بعد `{{step}}` (انتهى مسار {{lost}} من {{from}} وصلوا إليها عندها، بحسب سجل الأحداث من {{since}} إلى {{until}}؛ والحد {{max}}٪)",
  "emotion-unaddressed/unaddressed":
    "يشعر العميل بالسوء عند `{{step}}` (الشعور {{emotion}}) لكن لا `pain_points` ولا `opportunities` تذكر السبب أو ما يجب فعله",
  "feedback-missing/missing": "لا توجد خطوة عند الهدف أو بعده تجمع آراء العملاء: أضف استبيانًا أو طلب تقييم أو مقابلة مع `collects: feedback`",
  "goal-unreachable/unreachable": "لا يوجد طريق من نقطة البداية ({{entries}}) إلى خطوة هدف ({{goals}}): راجع `next` و`entry`",
  "handoff-owner-missing/handoff": "التسليم `{{step}}` لا يذكر من يسلّم العمل إلى من: أضف الفريقين `from` و`to` أو `owner`",
  "handoff-owner-missing/backstage": "الخطوة `{{step}}` خلف الكواليس بلا مسؤول: أضف `owner` أو اجعل فريقًا هو `actor` لها",
  "journey-loop/loop": "قد يدور العميل بين الرحلات {{journeys}} عبر روابطها دون أن يبلغ هدف أيٍّ منها: اجعل لهذه الحلقة طريقًا إلى هدف",
  "metrics-inconsistent/moreThanPredecessor":
    "وصل إلى `{{step}}` عملاء ({{reached}}) أكثر ممن وصلوا إلى `{{predecessor}}`، الخطوة الوحيدة التي تؤدي إليها ({{before}}): راجع الأرقام، أو المسار إذا كان العملاء يدخلونها من طريق آخر",
  "metrics-inconsistent/moreThanPredecessors":
    "وصل إلى `{{step}}` عملاء ({{reached}}) أكثر ممن وصلوا إلى الخطوات التي تؤدي إليها مجتمعةً ({{predecessors}}: {{before}}): راجع الأرقام، أو المسار إذا كان العملاء يدخلونها من طريق آخر",
  "path-too-long/tooLong": "يحتاج العميل من `{{step}}` إلى {{length}} من الخطوات على الأقل للوصول إلى الهدف (والحد {{max}}): اختصر الرحلة",
  "persona-missing/missing": "لا تذكر هذه الرحلة `persona`: حدّد لمن هذه الرحلة (معرّف من journey.config.yaml أو شخصية معرّفة داخل الملف)",
  "persona-missing/noGoals": "الشخصية `{{persona}}` لا تذكر `goals`: تُبنى خريطة الرحلة حول ما يريده العميل",
  "self-service-missing/missing":
    "على العملاء أن يتواصلوا معكم (مرات التواصل: {{count}}) لكن لا توجد خطوة تقدّم خدمة ذاتية: صفحة أسئلة شائعة أو مقال في قاعدة المعرفة (`self_service: true`) يجيب عن كثير من الأسئلة قبل أن تُطرح",
  "single-support-channel/single":
    "كل تواصل في هذه الرحلة يمر عبر `{{channel}}` وحدها: امنح العملاء طريقة ثانية للوصول إليكم (البريد الإلكتروني، الدردشة، الهاتف، ...)",
  "stage-empty/empty": "المرحلة `{{stage}}` بلا خطوات: أضف ما يفعله العميل فيها أو احذفها",
  "sync-channel-overlap/overlap":
    "الخطوة `{{step}}` تطلب من موظف دعم واحد أن يخدم {{channels}} في الوقت نفسه، وكلها متزامنة: لا أحد يستطيع إجراء مكالمة ودردشة مباشرة معًا (اجمع بدلًا من ذلك قناة متزامنة مع أخرى غير متزامنة)",
  "sync-channel-overlap/overlapTeam":
    "الخطوة `{{step}}` تطلب من شخص واحد من الفريق `{{team}}` أن يخدم {{channels}} في الوقت نفسه، وكلها متزامنة: لا أحد يستطيع إجراء مكالمة ودردشة مباشرة معًا (اجمع بدلًا من ذلك قناة متزامنة مع أخرى غير متزامنة)",
  "too-many-handoffs/tooMany":
    "يمر التواصل `{{step}}` بـ{{count}} من عمليات التسليم قبل الرد عليه (والحد {{max}}): ينتظر العميل بينما ينتقل العمل من يد إلى يد",
  "touchpoint-unanswered/noResponse": "لا أحد يرد على التواصل `{{step}}`: أضف خطوة فيها `type: response` و`answers: {{step}}`",
  "touchpoint-unanswered/unreachable": "يُرد على التواصل `{{step}}` في {{responses}}، لكن المسار لا يصل إليها أبدًا من التواصل",
  "unreachable-step/unreachable": "لا يوجد طريق من البداية يصل إلى الخطوة `{{step}}`: اربطها بـ`next` أو أضفها إلى `entry` أو احذفها",
};
