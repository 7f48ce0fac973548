/**
 * The words a unit may type instead of answering, in Chinese and English (Telegram adds /commands).
 * Matched whole, after trimming; case does not matter.
 */
export const commandWords = {
  start: ['开始', 'start'],
  back: ['返回', '上一题', 'back'],
  skip: ['跳过', 'skip'],
  status: ['进度', 'status'],
  review: ['查看', '查看回答', 'review'],
  continue: ['继续', '继续答题', 'continue'],
  restart: ['重新开始', 'restart'],
  // During a question, help explains that question (为什么问 is its button).
  help: ['帮助', '为什么问', '为什么', 'help', 'why', '?', '？'],
  checklist: ['材料清单', 'checklist'],
  contact: ['联系方式', 'contact'],
  forget: ['删除我的数据', 'forget'],
  pauseReminders: ['暂停提醒', '不要提醒', 'mute'],
  resumeReminders: ['恢复提醒', 'unmute'],
  switchCampaign: ['切换', '换一项', 'switch'],
  pdf: ['下载', 'pdf'],
  quit: ['退出', 'quit', 'exit'],
} as const;

export type CommandName = keyof typeof commandWords;

/** Words that answer a yes/no question (matched whole, case-insensitive; 1 and 2 are the option numbers). */
export const yesWords = ['是', '是的', '有', '对', '已', '已经', '已签', '已办', 'y', 'yes', 'true', '1', '√', '✓'] as const;
export const noWords = ['否', '不是', '没有', '无', '不', '未', '没', '没签', '不对', 'n', 'no', 'false', '2', '×', '✗'] as const;
/** Words for "I do not know": a yes/no answer of its own, which becomes a thing to verify (3 is the option number). */
export const unknownWords = ['不知道', '不确定', '不清楚', '不晓得', '说不清', '说不准', '不太清楚', '待确认', 'unknown', '3'] as const;

/** Words that confirm a restart or a deletion; anything else cancels. */
export const confirmWords = ['是', '是的', '确定', '确认', '好', 'y', 'yes', 'ok', '1'] as const;

/** The words behind menu buttons: what a press sends, as if typed. */
export const menuWords = { continue: '继续', confirm: '是', cancel: '取消', why: '为什么问', back: '返回' } as const;

/** In the review, "改3" (or 修改3, 改 3) picks answer 3 to change: a bare number is never taken for a pick. */
export const reviewPickPrefixes = ['修改', '改'] as const;

/** Units people add after a number ("25人", "2,070元", "四个"), dropped before parsing. */
export const numberSuffixes = ['个人', '人', '名', '位', '元/月', '元每月', '元', '块钱', '块', '小时', '个钟头', '个', '次', '天', 'h'] as const;
/** What people write before or after an estimate ("大概20", "20左右"); the number is taken as given. */
export const approxPrefixes = ['大概', '大约', '约', '差不多', '估计', '将近', '接近'] as const;
export const approxSuffixes = ['左右', '上下'] as const;
/** Words for a date relative to today, when a date is asked. */
export const todayWords = ['今天', '今日', 'today'] as const;
export const yesterdayWords = ['昨天', '昨日', 'yesterday'] as const;

/** Words that mean zero when a number is asked ("没有" dispatched staff). */
export const zeroWords = ['没有', '无', '没', '零', '〇', '一个也没有', '0'] as const;

/** Column headers a roster file may use for each field (the first is the one named in messages). */
export const rosterHeaders = {
  name: ['单位名称', '单位全称', '名称', 'name', 'unit name'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', 'credit code', 'code'],
  area: ['所在地区', '地区', '所属地区', '县市', 'area'],
} as const;
