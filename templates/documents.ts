/**
 * Every sentence printed on the documents (self-check report, materials checklist, the two forms), by key.
 * `{name}` marks a value filled in by `td()` in src/core/document.ts. Review item and phase titles come from
 * templates/zh.ts so chat and paper name them alike; campaign wording (questions, findings, materials) from flows/.
 */
export const documents = {
  // Every document
  'doc.author': '年审助手',
  'doc.pageNumber': '第 {page} 页 / 共 {pages} 页',
  'doc.notAnswered': '（未填写）',
  'doc.basedOn': '{issuer} {number}',
  'doc.section': '{n}、{title}',
  'doc.subsection': '（{n}）{title}',
  'doc.numbered': '{n}. {text}',
  'doc.listItem': '（{n}）{text}',
  'doc.withSource': '{text}（依据：{source}）',
  'doc.footerCampaign': '{campaign}（第 {version} 版）',
  'doc.footerHash': '{campaign}（第 {version} 版）· 回答校验码 {hash}',
  'doc.copies': '一式三份',

  // Field labels on the report and the forms
  'field.unitName': '单位名称',
  'field.creditCode': '统一社会信用代码',
  'field.unitType': '单位类型',
  'field.area': '所在地区',
  'field.bureau': '审查机关',
  'field.bureauPhone': '审查机关电话',
  'field.jurisdiction': '管辖说明',
  'field.address': '单位地址',
  'field.legalRep': '法定代表人（负责人）',
  'field.contact': '联系人',
  'field.phone': '联系电话',
  'field.headcount': '用工人数',
  'field.window': '审查时间',
  'field.deadline': '截止日期',
  'field.supervision': '监督电话',
  'field.platform': '网上申报',
  'field.unitSeal': '单位（盖章）',
  'field.principalSign': '负责人（签字）',
  'field.handlerSign': '经办人（签字）',
  'field.reviewerSign': '审查人（签字）',
  'field.date': '日期',
  'field.dateHint': '年　　月　　日',

  // Self-check report
  'summary.title': '劳动保障书面审查自查报告',
  'summary.fileName': '劳动保障书面审查自查报告-{unit}.pdf',
  'summary.unnamed': '未命名单位',
  'summary.selfCheckOnly': '本报告根据贵单位在年审助手中的回答生成，仅供自查参考，不代表人社部门的审查结论。',
  'summary.incompleteTitle': '尚未答完',
  'summary.incomplete': '还有 {left} 题未回答，以下结果基于已答内容；答完后请重新生成本报告。',
  'summary.outOfScopeTitle': '不在本次书面审查范围内',
  'summary.hUnit': '单位基本信息',
  'summary.hResult': '预估等级与审查预判',
  'summary.hFindings': '需要整改的问题',
  'summary.hMaterials': '尚未准备的材料',
  'summary.hDeadline': '截止日期与联系方式',
  'summary.hAnswers': '自查回答明细',
  'summary.grade': '预估守法诚信等级：{grade} 级（仅供自查参考，以人社部门评定为准）',
  'summary.gradeCell': '{grade} 级',
  'summary.colGrade': '等级',
  'summary.colReason': '原因',
  'summary.colBasis': '依据',
  'summary.consequence': '{grade} 级的后果：{text}（依据：{source}）',
  'summary.verdict.pass': '书面审查预判：{text}（依据：{source}）',
  'summary.verdict.fail': '书面审查预判：{text}（依据：{source}）',
  'summary.verdict.pending': '书面审查预判：{text}（依据：{source}）',
  'summary.failCause': '不合格的原因：您报告的 {n} 项问题尚未整改（见第三部分）。',
  'summary.pendingTodos': '提交前要做的事：{todos}。缺少材料或未核实就提交，可能被审查为不合格。',
  'summary.todoMissing': '备齐 {n} 项材料',
  'summary.todoVerify': '核实 {n} 项回答',
  'summary.todoUnanswered': '答完剩下的 {n} 题',
  'summary.noFindings': '按您的回答，未发现需要整改的问题。',
  'summary.hViolations': '须整改的问题',
  'summary.hAdvice': '建议改进',
  'summary.hVerify': '待核实的事项',
  'summary.hNotes': '其他须知',
  'summary.colNo': '序号',
  'summary.colItem': '审查事项',
  'summary.colProblem': '问题',
  'summary.colLaw': '法律依据',
  'summary.colFix': '整改建议',
  'summary.risk': '风险提示：以上问题若被检查发现，将被责令整改，情节严重的依法查处；被查处的单位不能评为A级。',
  'summary.riskUngraded': '风险提示：以上问题若被检查发现，将被责令整改，情节严重的依法查处。',
  'summary.hUpload': '平台上传',
  'summary.hBring': '审核时携带',
  'summary.allMaterials': '所需材料均已准备。',
  'summary.materialsHint': '请在截止日期前备齐以下材料，备好一项勾一项。',
  'summary.window': '{start} 至 {end}',
  'summary.deadlineLeft': '{date}，还剩 {days} 天',
  'summary.deadlineToday': '{date}，今天是最后一天',
  'summary.deadlineOverdue': '{date}，已逾期 {days} 天，尚未完成的请尽快联系审查机关。',
  'summary.deadlineOverdueCap': '无故逾期的单位不得评为A级。',
  'summary.bureauUnknown': '请先回答单位所在地区',
  'summary.platform': '{name} {url}（{login}）',
  'summary.colQuestion': '问题',
  'summary.colAnswer': '回答',
  'summary.groupProfile': '单位情况',
  'summary.groupItem': '审查事项（{n}）{title}',
  'summary.noAnswers': '还没有回答任何问题。',
  'summary.honestyTitle': '如实申报提示',
  'summary.generated': '生成时间：{time}（UTC{offset}）',

  // Materials checklist (the notice's attachment)
  'checklist.title': '用人单位须提供书面材料清单',
  'checklist.fileName': '用人单位须提供书面材料清单.pdf',
  'checklist.fileNameUnit': '用人单位须提供书面材料清单-{unit}.pdf',
  'checklist.subtitle': '{number} 附件',
  'checklist.forUnit': '本清单按贵单位的回答列出（单位类型：{type}），已准备好的材料已打勾，其余请备好后勾选。',
  'checklist.forAll': '尚未选择单位类型：以下按单位类型分别列出全部材料，请对照本单位情况准备并勾选。',
  'checklist.section': '{types}须提供以下资料',
  'checklist.upload': '平台须上传的资料',
  'checklist.bring': '审核时须携带的资料',
  'checklist.conditional': '视本单位情况提供',
  'checklist.notes': '注意事项',

  // Reference layouts of the two forms
  'form.referenceTitle': '参考样式，不是官方表格',
  'form.referenceText': '本表是年审助手按贵单位的自查回答生成的《{form}》参考样式，已填上聊天中知道的内容。正式表格请从年审平台下载或向审查机关领取，以官方表格为准，可对照本表填写。',
  'form.none': '无',

  // 劳动保障书面审查表 (reference layout, pre-filled)
  'review.title': '劳动保障书面审查表（参考样式）',
  'review.formName': '劳动保障书面审查表',
  'review.fileName': '劳动保障书面审查表-{unit}.pdf',
  'review.copies': '本表一式三份，其中一份审核后交到所在社区进行劳动用工备案。',
  'review.prefilled': '本表根据单位自查回答预填，空白栏为聊天中未填写的内容：请逐项核对、补全后签字盖章。',
  'review.hBasic': '单位基本情况',
  'review.hItems': '审查事项',
  'review.hOpinion': '审查意见（由审查机关填写）',
  'review.colItem': '审查事项',
  'review.colQuestion': '审查内容',
  'review.colAnswer': '单位填报',
  'review.notApplicable': '本单位不涉及',
  'review.opinionPass': '书面资料审核为合格',
  'review.opinionFail': '书面资料审核为不合格，责令整改',
  'review.opinionOnSite': '暂时不能确定结果，安排实地核查',

  // 劳动用工备案登记表 (reference layout: the unit's data filled, the roster blank)
  'filing.title': '劳动用工备案登记表（参考样式）',
  'filing.formName': '劳动用工备案登记表',
  'filing.fileName': '劳动用工备案登记表.pdf',
  'filing.fileNameUnit': '劳动用工备案登记表-{unit}.pdf',
  'filing.copies': '本表一式三份，其中一份审核后交到所在社区进行劳动用工备案。',
  'filing.hUnit': '用人单位信息',
  'filing.hRoster': '劳动用工备案登记花名册',
  'filing.rosterNote': '无建立劳动关系人员的党政机关、事业单位、社会团体不用填写花名册；行数不够时可续页填写。',
  'filing.colNo': '序号',
  'filing.colName': '姓名',
  'filing.colId': '身份证号',
  'filing.colPost': '岗位',
  'filing.colTerm': '合同起止日期',
  'filing.colNote': '备注',
} as const;

export type DocumentTextKey = keyof typeof documents;

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一: section numbers as official documents write them (1–99). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones] ?? String(n);
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}
