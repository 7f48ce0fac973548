/**
 * Every sentence the product says to a user, in Chinese, by key. `{name}` marks a value filled in by `t()`.
 * Campaign-specific wording (questions, findings, materials) lives in the campaign file under flows/.
 */
export const zh = {
  // Answers the engine refuses
  'answer.empty': '回答不能为空，请重新输入。',
  'answer.tooLong': '回答太长了（最多 {max} 个字），请简短一些。',
  'answer.inputTooLong': '这条消息太长了，没有看懂。请按问题简短作答。',
  'answer.notAnOption': '没有看懂这个回答，请从选项中选择：{options}',
  'answer.optionItem': '{n}. {label}',
  'answer.notYesNo': '请回答“是”、“否”或“不确定”。',
  'answer.notANumber': '请输入一个数字（例如 12）。',
  'answer.notInteger': '请输入整数。',
  'answer.belowMin': '数值不能小于 {min}。',
  'answer.aboveMax': '数值不能大于 {max}。',
  'answer.creditCodeLength': '统一社会信用代码应为 18 位（您输入了 {length} 位），请对照营业执照重新输入。',
  'answer.creditCodeInvalid': '这不是一个有效的统一社会信用代码，可能抄错了一位。请从营业执照（或登记证书）上重新复制或逐位抄写一遍。',
  'answer.controlChars': '回答里含有看不见的排版控制字符（可能是从别处复制带来的），请直接手动输入。',
  'answer.invisibleOnly': '回答里没有可见的文字，请重新输入。',
  'answer.notAPhone': '请输入手机号（11位）或带区号的固定电话（如 0994-2206072）。',
  'answer.checkFailed': '{message}请核对后重新输入。',
  'answer.notSkippable': '这个问题不能跳过，请作答。',

  // Synthesised questions
  'material.question': '您是否已准备好：{name}{detail}？',
  'material.detail': '（{detail}）',
  'material.why': '这是审查时要上传或携带的材料：“{name}”。提前确认是否备好，自查结果会列出还缺哪些。拿不准可以回答“不确定”或“跳过”，都会列入待准备的材料。',

  // Conversation
  'conversation.welcome':
    '您好！我是「年审助手」，帮助用人单位准备劳动保障书面审查（年审），并预估守法诚信等级。\n' +
    '我会一次问一个问题，每答一题都会自动保存，随时可以离开、回来继续。\n' +
    '不确定的问题可以回答“不确定”；想知道为什么问，回复“为什么问”。常用指令：返回、跳过、进度、查看、帮助。',
  'conversation.welcomeNotKept':
    '您好！我是「年审助手」，帮助用人单位准备劳动保障书面审查（年审），并预估守法诚信等级。\n' +
    '我会一次问一个问题。注意：本次运行没有连接数据库，回答只保存在本次运行中，退出后不会保留。\n' +
    '不确定的问题可以回答“不确定”；想知道为什么问，回复“为什么问”。常用指令：返回、跳过、进度、查看、帮助。',
  'conversation.welcomeBack': '欢迎回来！您的进度已保存，接着上次继续。',
  'conversation.chooseCampaign': '请选择要办理的年审：',
  'conversation.chooseCampaignAgain': '没有找到这项年审，请从列表中选择。',
  'conversation.campaignIntro': '【{title}】\n文件：{document}\n{window}\n网上申报：{platform} {url}（{login}）{notes}\n\n⚠️ {honesty}',
  'intro.windowOpen': '审查时间：{start} 至 {end}，距截止还有 {days} 天。',
  'intro.windowClosed':
    '审查时间：{start} 至 {end}，已于 {end} 截止（已过 {days} 天）。尚未完成的单位请尽快联系所在县市（园区）审查机关补办：选择单位所在地后我会告诉您电话，也可随时回复“联系方式”查看；监督电话 {supervision}。',
  'intro.note': '· {text}（依据：{source}）',
  'conversation.help':
    '使用说明：\n' +
    '· 直接回答问题；有选项时可回复选项编号或文字。拿不准的是非题可以回答“不确定”，结果里会列为待核实。\n' +
    '· 答题时回复“为什么问”：说明为什么问这一题、依据哪条规定。\n' +
    '· 返回：看上一题和您的回答，可以修改。跳过：跳过可选的问题。\n' +
    '· 进度：再显示一遍现在要回答的内容。查看：列出全部回答，回复“改”加编号修改某一条；回复“继续”回到答题。\n' +
    '· 重新开始：清空回答从头再来。删除我的数据：删除本单位在本助手保存的全部信息。\n' +
    '· 材料清单：查看需准备的材料。联系方式：查看审查机关电话。',
  'conversation.stale': '该问题已回答，请回答当前问题。',
  'conversation.nothingToGoBackTo': '已经是第一题，无法再返回。',
  'conversation.reviewPickAgain': '您正在查看回答，不是在答题。要修改某条回答，请回复“改”加编号（例如“改3”）；回复“继续”回到答题。',
  'conversation.nothingToSkip': '现在没有可以跳过的问题。',
  'conversation.cannotEdit': '这个问题还没有回答，或已不再适用，无法修改。',
  'conversation.finishedHint': '自查已完成。回复“查看”可修改回答，“重新开始”可重新自查。',
  'conversation.outOfScopeHint': '如有回答填错，回复“返回”修改；回复“重新开始”可从头再来。',
  'conversation.confirmRestart': '确定要清空全部回答、重新开始吗？回复“是”确认，其他任意内容取消。',
  'conversation.confirmForget': '确定要删除本单位在本助手保存的全部信息吗？删除后无法恢复。回复“是”确认，其他任意内容取消。',
  'conversation.restarted': '已清空回答，重新开始。',
  'conversation.cancelled': '已取消，继续之前的进度。',
  'conversation.forgotten': '已删除您的全部数据。如需再次自查，发送任意消息即可重新开始。',
  'conversation.outOfScope': '根据您的回答：{reason}\n（依据：{source}）\n如有回答填错，回复“返回”修改。',
  'conversation.versionChanged': '年审规则已更新（第 {from} 版 → 第 {to} 版），已保留仍然有效的回答，其余问题需要重新回答。',
  'conversation.cannotRestore': '抱歉，您之前的进度无法恢复（{reason}）。回复“重新开始”即可从头开始，给您带来不便深表歉意。',
  'conversation.saveFailed': '暂时无法保存，请稍后再试。刚才的回答可能没有记录：请稍后先发送“进度”查看当前问题，再继续作答。',
  'conversation.busy': '您的上一条消息还在处理中，请稍候再发。',
  'conversation.notUnderstood': '没有看懂这条消息。',
  'conversation.invited': '您是通过人社部门的邀请链接进来的，已为您填好：\n单位名称：{name}\n统一社会信用代码：{creditCode}\n请核对，如有不对，回复“查看”后修改。',
  'reminders.paused': '好的，人社部门的定时提醒已暂停。需要时回复“恢复提醒”即可重新开启。',
  'reminders.resumed': '好的，已恢复人社部门的定时提醒。',
  'reminders.nothingYet': '您还没有开始自查，没有需要暂停的提醒。',

  // Reminders a unit receives (src/core/reminders.ts)
  'remind.text':
    '【{campaign}·提醒】{name}：\n' +
    '您的年审自查已答 {answered} 题（共 {total} 题），还剩最多 {remaining} 题。{stop}\n' +
    '{due}\n' +
    '点“继续”从上次停下的地方接着答；不想再收到定时提醒，点“暂停提醒”。',
  'remind.stop': '\n上次停在：{where}{question}',
  'remind.unnamed': '您好',
  'remind.due.left': '距截止日（{date}）还有 {days} 天。',
  'remind.due.today': '今天（{date}）是截止日，请抓紧完成。',
  'remind.due.overdue': '截止日（{date}）已过 {days} 天，请尽快完成，并联系{bureau}（电话 {phone}）。',
  'remind.button.continue': '继续',
  'remind.button.pause': '暂停提醒',

  // Reminders staff send (/remind)
  'remind.off': '提醒功能未开启：发送提醒需要连接 Redis（REDIS_URL）。',
  'remind.notYourArea': '这个地区不在您负责的范围内。',
  'remind.howTo': '用法：/remind 给您负责地区里未完成的单位发提醒；可加地区和天数，例如 /remind 阜康 7天（只提醒阜康 7 天以上没有进展的单位）。',
  'remind.preview':
    '【提醒预览】{scope}\n' +
    '将提醒 {count} 个未完成的单位：{names}\n' +
    '{notes}' +
    '每个单位收到的提醒写着它自己的进度，例如：\n' +
    '————\n{sample}\n————\n' +
    '确认后开始发送，发完会把结果告诉您。',
  'remind.preview.more': ' 等',
  'remind.preview.noName': '（未填名称的单位）',
  'remind.preview.paused': '其中 {n} 个单位已暂停定时提醒（人工提醒仍会发给它们）。\n',
  'remind.preview.skipped': '不会发给：已完成 {finished} 个、无法联系 {unreachable} 个。\n',
  'remind.preview.night': '现在是夜间（21:00 至次日 8:00），提醒会在早上 8:00 以后发出。\n',
  'remind.preview.oncePerDay': '同一单位一天最多收到一条提醒：今天已经收到提醒的单位不会再收到。\n',
  'remind.preview.none': '【提醒预览】{scope}\n没有需要提醒的未完成单位（已完成 {finished} 个、无法联系 {unreachable} 个）。',
  'remind.scope.all': '您负责的全部地区',
  'remind.scope.stuck': '，{days} 天以上没有进展',
  'remind.confirm': '确认发送',
  'remind.cancel': '取消',
  'remind.cancelled': '已取消，没有发送任何提醒。',
  'remind.started': '已开始发送提醒（{count} 个单位）。发完会把结果告诉您。',
  'remind.already': '这批提醒已经确认过，不会重复发送。',
  'remind.expired': '这个提醒预览已失效，请重新发送 /remind。',
  'remind.invalid': '这个按钮无效，没有发送任何提醒。',
  'remind.report':
    '【提醒发送结果】{scope}\n' +
    '已发送 {sent} 个；\n' +
    '跳过 {skipped} 个（已完成 {finished}、无法联系 {unreachable}、已暂停 {paused}、今天已收到过提醒 {today}）；\n' +
    '失败 {failed} 个（已屏蔽机器人 {blocked}、多次重试仍失败 {errors}、发送中断结果不明 {unknown}）。',
  'conversation.typedStale': '您这条消息是在上一个问题时发出的，那个问题已经回答过了，这条消息没有记录。请回答下面这个问题：',
  'conversation.lastSaved': '刚才保存时网络不稳定。已核实：您上一条回答已经记录。',
  'conversation.lastNotSaved': '刚才保存时网络不稳定。已核实：您上一条回答没有记录，请重新回答。',
  'conversation.nothingStored': '您在本助手没有保存任何数据（残留的记录也已清除）。',
  'conversation.yourBureau': '您的审查机关：{bureau}，电话 {phone}。{note}',

  'restore.unreadable': '保存的数据已损坏',
  'restore.unknown_campaign': '该年审已下线',
  'restore.invalid_state': '保存的进度与当前版本不兼容',
  'confirm.yes': '是，确认',
  'confirm.no': '取消',

  'terminal.bye': '再见！您的进度已保存，下次运行可接着继续。',
  'terminal.byeMemory': '再见！本次回答只保存在本次运行中，退出后不会保留。',
  'terminal.byeUnsaved': '再见！注意：最后一次保存没有成功，最后一条回答可能没有记录，下次请先回复“进度”核对。',
  'terminal.fileNote': '回答保存在本机文件 {path} 中，随时可以退出，下次运行接着继续。',
  'terminal.sessionFileBusy': '另一个年审助手正在使用保存文件 {path}：请先在那个窗口输入“退出”，或设置 SESSION_FILE 使用另一个文件。',
  'terminal.sessionFileUnreadable': '保存文件 {path} 已损坏或不是年审助手的文件：请把它移走（或改名）后重新运行，将从头开始。',
  'terminal.pdfsDeleted': '已同时删除为本单位生成的 {n} 个 PDF 文件。',
  'terminal.menuOption': '{word}（{label}）',
  'terminal.menu': '  可回复：{words}',
  'terminal.notHere': '该指令在终端中暂不可用。',

  // Telegram
  'telegram.error': '抱歉，处理您的消息时出错了，请稍后再试。',
  'telegram.privateOnly': '请私聊使用：为保护单位信息，年审助手只在私聊中工作。',
  'telegram.invalidButton': '这个按钮已失效，请使用最新的问题。',
  'telegram.chosen': '✅ 您的回答：{label}',
  'telegram.editedIgnored': '修改已发送的消息不会被记录。如需更改回答，请发送“返回”或“查看”。',
  'telegram.textOnly': '年审助手只能识别文字和按钮。请用文字回答，或点选问题下方的按钮。',
  'telegram.notAvailable': '该功能暂不可用。',
  'telegram.quit': '您的进度已自动保存，随时发送任意消息即可继续。',
  'telegram.quitNotKept': '注意：本机器人没有连接数据库，回答只保存在本次运行中，重启后不会保留。',
  'command.start': '开始或继续自查',
  'command.back': '返回上一题',
  'command.skip': '跳过可选的问题',
  'command.status': '查看进度和当前问题',
  'command.review': '查看并修改全部回答',
  'command.restart': '清空回答重新开始',
  'command.checklist': '需要准备的材料清单',
  'command.contact': '审查机关联系电话',
  'command.pdf': '下载自查报告 PDF',
  'command.help': '使用说明',
  'command.forget': '删除我的全部数据',

  // Documents and downloads
  'download.invalid': '下载链接无效：链接可能被修改过或不完整。请回到年审助手重新获取。',
  'download.expired': '下载链接已过期。请在年审助手中发送“下载”重新获取。',
  'download.unavailable': '服务暂时不可用，请稍后再打开此链接。',
  'download.nothing': '暂无可下载的文件：请先在年审助手中完成自查。',
  'download.tooMany': '请求过于频繁，请稍后再打开此链接。',
  'pdf.nothingYet': '还没有可以生成的报告：请先完成自查问题。',
  'pdf.outOfScope': '本单位不在本次书面审查范围内，无需生成自查报告和审查表。可发送“材料清单”查看材料要求。',
  'pdf.written': '已生成 PDF：{path}',
  'pdf.caption': '{name}',
  'pdf.link': '在浏览器中打开或转发（{days}天内有效）：{url}',
  'pdf.more': '发送“下载”可获取自查报告、预填的《劳动保障书面审查表》和空白的《劳动用工备案登记表》。',
  'pdf.failed': '生成 PDF 时出错，请稍后再试。',

  // Question display
  'question.header': '【审查事项 第{item}项（共12项）：{itemTitle}】',
  'question.headerBasic': '【基本信息】',
  'question.headerPhase': '【{phaseTitle}】',
  'question.remaining': '最多还剩 {remaining} 题',
  'question.optional': '（可回复“跳过”）',
  'question.editing': '【修改回答】当前回答：{current}。回复新的回答即可修改；回复“返回”回到回答列表。',
  'question.backCurrent': '【返回上一题】当前回答：{current}。回复新的回答即可修改；回复“继续”保持不变；再回复“返回”看更前一题。',
  'menu.why': '为什么问',
  'menu.keep': '保持原回答',
  'menu.back': '再往前一题',
  'menu.backToReview': '回到回答列表',
  'help.whyTitle': '为什么问这个问题：',
  'help.whyDefault': '这是本次书面审查要核对的内容，如实回答有助于提前发现问题。',
  'help.source': '依据：{source}',
  'help.termsTitle': '名词解释：',
  'help.term': '· {term}：{text}（依据：{source}）',
  'help.unsure': '拿不准可以回复“不确定”：自查结果会把它列为“请核实”的事项，不算违规。',
  'help.commands': '其他指令：返回（上一题）、跳过（可选的题）、查看（全部回答）、进度、材料清单、联系方式、删除我的数据。',
  'question.typeNumber': '请输入数字{unit}。',
  'question.unit': '（{unit}）',
  'question.typeText': '请直接输入。',
  'phase.identity': '单位信息',
  'phase.profile': '单位情况',
  'phase.items': '审查事项',
  'phase.materials': '材料准备',
  'phase.record': '2024年度监察记录和本次审查情况',
  'phase.contact': '填表信息',

  // Review
  'review.title': '【查看回答】下面是您的全部回答（现在不是在答题）。要修改某条，请回复“改”加编号，例如“{example}”；回复“继续”回到答题。',
  'review.line': '{n}. {question}\n    → {answer}',
  'review.skipped': '（已跳过）',
  'review.continue': '继续答题',
  'review.empty': '还没有回答任何问题。',

  // Summary
  'summary.title': '📋 自查结果（{unit}）',
  'summary.unitLine': '单位：{name}（{code}）',
  'summary.unitLineNoCode': '单位：{name}（统一社会信用代码未填）',
  'summary.incomplete': '注意：还有 {left} 题未回答，以下结果基于已答内容。',
  'summary.grade': '预估守法诚信等级：{grade} 级（仅供自查参考，以人社部门评定为准）',
  'summary.gradeQualified': '预估守法诚信等级：按2024年监察记录为 {grade} 级；但您报告了违法情形，若被查实，最多为 {cap} 级（仅供自查参考，以人社部门评定为准）',
  'summary.gradeReference': '注意：{text}（依据：{source}）',
  'summary.qualified': '您报告的 {n} 项问题若被检查发现：{text}（依据：{source}）',
  'summary.gradeUncertain': '另有 {n} 项监察记录的回答为“不确定”或已跳过，核实后等级可能更低。',
  'summary.caveat': '注意：{text}（依据：{source}）',
  'summary.todoTitle': '提交前要办的事：',
  'summary.noGrade': '守法诚信等级：不评定。{text}（依据：{source}）',
  'summary.reason': '· {text}（依据：{source}）',
  'summary.consequence': '{grade}级后果：{text}（依据：{source}）',
  'summary.verdict.pass': '书面审查预判：{text}',
  'summary.verdict.fail': '书面审查预判：{text}',
  'summary.verdict.pending': '书面审查预判：{text}',
  'summary.findingsTitle': '需要整改的问题：',
  'summary.finding': '{n}. {problem}\n   依据：{basis}\n   整改：{fix}',
  'summary.adviceTitle': '建议改进：',
  'summary.risk': '风险提示：以上问题若被检查发现，将被责令整改，情节严重的依法查处；被查处的单位不能评为A级。',
  'summary.riskUngraded': '风险提示：以上问题若被检查发现，将被责令整改，情节严重的依法查处。',
  'summary.verifyTitle': '请核实（回答“不确定”或跳过的问题，提交前请弄清楚）：',
  'summary.verifyUnknown': '请核实：{question}',
  'summary.verifySkipped': '请补答：{question}',
  'summary.missingUpload': '尚未准备的材料（平台上传）：',
  'summary.missingBring': '尚未准备的材料（审核时携带）：',
  'summary.material': '· {name}{detail}',
  'summary.allMaterials': '所需材料均已准备。',
  'summary.missingRisk': '缺少材料就提交，可能被审查为不合格：请在截止日前备齐。',
  'summary.missingRiskOverdue': '缺少材料就提交，可能被审查为不合格：截止日已过，请尽快备齐并联系审查机关。',
  'summary.deadline': '截止日期：{date}，还剩 {days} 天。',
  'summary.deadlineToday': '截止日期：{date}，今天是最后一天！',
  'summary.overdue': '截止日期：{date}，已过 {days} 天。尚未完成书面审查的，请尽快联系审查机关。',
  'summary.overdueCap': '无故逾期的单位不得评为A级。',
  'summary.bureau': '审查机关：{bureau}，电话 {phone}；监督电话：{supervision}。',
  'summary.bureauUnknown': '审查机关：请选择单位所在地后查看；监督电话：{supervision}。',
  'summary.platform': '网上申报：{name} {url}（{login}）',
  'summary.notesTitle': '其他须知：',
  'summary.note': '· {text}（依据：{source}）',
  'summary.honesty': '⚠️ {text}',
  'summary.next': '回复“查看”可修改回答，“重新开始”可重新自查。',

  // Contacts and checklist as text
  'contact.line': '{bureau}：{phone}',
  'contact.title': '审查机关联系电话：',
  'contact.supervision': '监督电话：{phone}',
  'checklist.needUnitType': '请先回答“单位类型”等问题，我再列出您需要准备的材料。',
  'checklist.upload': '一、平台须上传的资料：',
  'checklist.bring': '二、审核时须携带的资料：',
  'checklist.line': '{mark} {name}{detail}',
  'checklist.note': '注：{text}（依据：{source}）',
  'checklist.materialNote': '    说明：{text}（依据：{source}）',

  // Review items (seed 000 section 三)
  'item.1': '规章制度',
  'item.2': '劳动合同',
  'item.3': '禁止使用童工',
  'item.4': '女职工和未成年工保护',
  'item.5': '工作时间和休息休假',
  'item.6': '工资支付和最低工资',
  'item.7': '社会保险',
  'item.8': '职介、培训和技能鉴定机构',
  'item.9': '劳动用工备案',
  'item.10': '集体协商和集体合同',
  'item.11': '劳务派遣',
  'item.12': '其他劳动保障事项',

  'source.unverified': '（未经核实，仅供参考）',

  // Bureau staff
  'staff.denied': '无权限。',
  'staff.status.not_started': '未开始',
  'staff.status.started': '进行中',
  'staff.status.finished': '已完成',
  'staff.status.out_of_scope': '不在范围',
  'staff.verdict.pass': '合格',
  'staff.verdict.fail': '不合格',
  'staff.verdict.pending': '材料未备齐/待核实',
  'staff.progress': '{answered} / {total}',
  'staff.export.title': '{campaign} 单位进度',
  'staff.col.name': '单位名称',
  'staff.col.creditCode': '统一社会信用代码',
  'staff.col.area': '所在地区',
  'staff.col.unitType': '单位类型',
  'staff.col.status': '状态',
  'staff.col.progress': '进度（已答/最多）',
  'staff.col.verdict': '审查预判',
  'staff.col.grade': '预估等级',
  'staff.col.missing': '缺少材料数',
  'staff.col.lastActivity': '最后活动',
  'staff.col.reminders': '已发提醒',
  'staff.col.invite': '邀请链接',
  'staff.audit.title': '操作记录',
  'staff.audit.col.at': '时间',
  'staff.audit.col.staff': '工作人员',
  'staff.audit.col.action': '操作',
  'staff.audit.col.count': '数量',
  'staff.audit.col.detail': '说明',
  'staff.stats':
    '【{campaign}·{areas}】\n' +
    '名单内单位 {expected} 个，其中未开始 {notStarted} 个；自行进入（不在名单）{selfRegistered} 个。\n' +
    '进行中 {started} · 已完成 {finished} · 不在范围 {outOfScope}\n' +
    '已完成单位的审查预判：合格 {pass} · 不合格 {fail} · 材料未备齐/待核实 {pending}\n' +
    '预估等级：A {A} · B {B} · C {C}\n' +
    '已发提醒 {remindersSent} 次 · 无法联系的单位 {unreachable} 个',
  'staff.stats.allAreas': '全部地区',
  'staff.stats.dropOffTitle': '进行中的单位停在哪一题（前 {n} 题）：',
  'staff.stats.dropOffLine': '{n}. {text}：{count} 个单位',
  'staff.stats.missingTitle': '已完成单位最常缺少的材料（前 {n} 项）：',
  'staff.stats.missingLine': '{n}. {name}：{count} 个单位',
  'staff.stats.none': '（暂无）',
  'staff.units.header': '【单位列表】{filter}第 {page}/{pages} 页，共 {total} 个单位',
  'staff.units.line': '{n}. {name}（{area}）{status}{progress}{last}',
  'staff.units.progress': ' {progress}',
  'staff.units.last': ' · 最后活动 {at}',
  'staff.units.empty': '没有符合条件的单位。',
  'staff.units.filter': '筛选：{status} ',
  'staff.units.prev': '‹ 上一页',
  'staff.units.next': '下一页 ›',
  'staff.units.all': '全部',
  'staff.units.pdf': 'PDF {n}',
  'staff.units.noPdf': '该单位还没有可生成的自查报告。',
  'staff.export.caption': '{name}（{count} 个单位）',
  'staff.report.caption': '进度报告（按地区）',
  'staff.roster.howTo': '请发送名单文件（Excel 或 CSV），并在文件的说明（caption）中写 /roster。第一行为列名：单位名称、统一社会信用代码、所在地区。整份文件有一行出错就不会导入，出错的行会逐行列出。',
  'staff.roster.refused': '名单没有导入（整份文件都没有导入）。请修改以下各行后重新发送：\n{problems}',
  'staff.roster.problem': '第 {line} 行：{message}',
  'staff.roster.more': '……另有 {n} 处问题',
  'staff.roster.imported': '已导入 {count} 个单位。每个单位都有专属邀请链接，发送 /invite 加统一社会信用代码可获取链接和二维码；导出表格也列出全部链接。',
  'staff.roster.badFile': '无法读取这个文件：请发送 .xlsx 或 .csv（UTF-8）文件。',
  'staff.invite.howTo': '请在 /invite 后写单位的统一社会信用代码，例如：/invite 91652300XXXXXXXXXX',
  'staff.invite.notFound': '您负责的地区的名单里没有这个统一社会信用代码。',
  'staff.invite.text': '【{name}】的专属邀请链接（单位打开后自动填好名称、代码和地区）：\n{link}',
  'staff.invite.caption': '{name} 邀请二维码',
  'staff.invite.noUsername': '暂时无法生成邀请链接（机器人用户名未知），请稍后再试。',
  'staff.error': '操作失败，请稍后再试。',

  // Roster import (staff)
  'roster.missingColumns': '缺少这些列：{columns}。第一行应为列名：单位名称、统一社会信用代码、所在地区。',
  'roster.tooMany': '名单最多 {max} 行，请分成几个文件导入。',
  'roster.noName': '单位名称为空',
  'roster.badCode': '统一社会信用代码“{code}”无效（长度或校验位不对）',
  'roster.unknownArea': '所在地区“{area}”不是本次审查的地区',
  'roster.notYourArea': '所在地区“{area}”不在您负责的范围内',
  'roster.duplicate': '与第 {first} 行是同一单位（统一社会信用代码相同）',

  // Separators between the items of one line (sources of a rule, causes, unit types)
  'sep.list': '；',
  'sep.clause': '，',
  'sep.enum': '、',

  // Yes / no / not sure
  'yes': '是',
  'no': '否',
  'unknown': '不确定',
} as const;

export type TextKey = keyof typeof zh;
