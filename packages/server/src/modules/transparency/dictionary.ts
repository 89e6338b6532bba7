import { CASE_STATUSES, CASE_TYPES, CHANNELS, OPEN_DATA_FIELDS, OPEN_DATA_MIN_CELL, SATISFACTION_LEVELS, type OpenDataDictionary } from '@openline/core';

type Field = (typeof OPEN_DATA_FIELDS)[number];


const FIELDS: Record<Field, { type: string; zh: string; en: string; values?: readonly string[] }> = {
  recordId: { type: 'string', zh: '本月记录编号（假名，不同月份不可关联，无法还原为工单号）', en: 'Record id, pseudonymous per month: not linkable across months, not reversible to a case number' },
  month: { type: 'YYYY-MM', zh: '受理月份', en: 'Month the case was received' },
  receivedDate: { type: 'YYYY-MM-DD', zh: '受理日期（当地日期，不含时刻）', en: 'Local date received (no time of day)' },
  category: { type: 'enum', zh: '诉求类型', en: 'Case type', values: CASE_TYPES },
  channel: { type: 'enum', zh: '受理渠道', en: 'Channel it arrived by', values: CHANNELS },
  unit: { type: 'string', zh: '承办单位；未派单或地点被抑制时为空', en: 'Handling (lead) unit; empty when not dispatched or when the place was suppressed' },
  district: { type: 'string', zh: '所属区（承办单位上级中的区级单位）；市级单位、未派单或被抑制时为空', en: 'District: the lead unit or its nearest ancestor of kind district; empty for city-level units, undispatched cases and suppressed cells' },
  status: { type: 'enum', zh: '当前状态', en: 'Status when the file was produced', values: CASE_STATUSES.filter((s) => s !== 'invalid') },
  dispatchedDate: { type: 'YYYY-MM-DD|empty', zh: '最近一次派单日期', en: 'Local date of the latest dispatch' },
  closedDate: { type: 'YYYY-MM-DD|empty', zh: '办结日期', en: 'Local date closed' },
  daysToDispatch: { type: 'integer|empty', zh: '受理到派单的自然日数', en: 'Calendar days from receipt to the latest dispatch' },
  daysToFirstContact: { type: 'integer|empty', zh: '受理到承办单位联系群众的自然日数', en: 'Calendar days from receipt to the unit contacting the citizen' },
  daysToClose: { type: 'integer|empty', zh: '受理到办结的自然日数', en: 'Calendar days from receipt to closure' },
  returns: { type: 'integer', zh: '被退单次数', en: 'Times a unit sent the case back (退单)' },
  visitSolved: { type: 'boolean|empty', zh: '回访：是否解决', en: 'Return visit: solved' },
  visitSatisfaction: { type: 'enum|empty', zh: '回访：满意度', en: 'Return visit: satisfaction', values: SATISFACTION_LEVELS },
  placeSuppressed: { type: 'boolean', zh: '是否因小样本抑制而隐去区和承办单位', en: 'District and unit blanked by the small-cell rule' },
};

export function openDataDictionary(): OpenDataDictionary {
  return {
    title: '12345 热线诉求公开数据 / 12345 hotline open case data',
    formats: ['/api/v1/public/open-data/cases.csv?month=YYYY-MM (UTF-8 with BOM, RFC 4180)', '/api/v1/public/open-data/cases.json?month=YYYY-MM'],
    recordsPerMonth: 'Every case received in the month (local time), except tip-line cases and cases marked invalid.',
    suppression: {
      minCell: OPEN_DATA_MIN_CELL,
      rule:
        `A district × category × month cell with fewer than ${OPEN_DATA_MIN_CELL} cases publishes its rows without district and unit; ` +
        `while a category's blanked rows number fewer than ${OPEN_DATA_MIN_CELL}, its next smallest cell is blanked too. See docs/open-data.md.`,
    },
    excluded: ['case text, replies and comments', 'caller name, phone, ID number', 'address and community', 'case number and tracking code', 'times of day', 'tip-line cases', 'invalid cases'],
    fields: OPEN_DATA_FIELDS.map((name) => {
      const f = FIELDS[name];
      return { name, type: f.type, zh: f.zh, en: f.en, ...(f.values ? { values: [...f.values] } : {}) };
    }),
  };
}
