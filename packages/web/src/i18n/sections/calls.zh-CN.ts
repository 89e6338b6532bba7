/** Screen-pop and caller history (issue 10 §2). */
export const callsZhCN = {
  incomingCall: {
    designated: '被标记号码：已转专席接听',
    title: '来电：{{line}}',
    answer: '接听',
    answerLabel: '接听 {{phone}}（{{line}}）',
    dismiss: '关闭',
    dismissLabel: '关闭来电提示（{{line}}）',
    region: '正在响铃的来电（{{count}} 个）',
    replaceDraftTitle: '接听并放弃未提交的工单？',
    replaceDraft: '新建工单里已填写的内容尚未提交。接听后将换成这通来电的空白工单，已填写的内容不会保留。',
    withheld: '未显示号码',
    noHistory: '无来电历史（号码未显示）',
    fromCall: '来电接入：{{phone}}。提交后工单将与这通电话关联。',
    linkFailed: '工单已登记，但未能与来电关联：{{reason}}',
  },
  callerHistory: {
    title: '来电人历史',
    frequent: '频繁来电',
    counts: '近30天联系 {{contacts}} 次，来电 {{calls}} 次（未接通 {{unanswered}} 次）',
    // When the calls counted stopped at the cap (core HISTORY_COUNT_CAP), unanswered is of the latest ones.
    countsLatestCalls: '近30天联系 {{contacts}} 次，来电 {{calls}} 次（最近 {{cap}} 次中未接通 {{unanswered}} 次）',
    none: '该号码没有历史工单',
    open: '未办结工单 {{count}} 件',
    closed: '最近办结',
    loading: '正在查询来电人历史…',
  },
};
