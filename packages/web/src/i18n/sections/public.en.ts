import type { Messages } from '../zh-CN';

type Section = Pick<Messages, 'lines' | 'lineMode' | 'lineModeExplain' | 'weekday' | 'holidayRule' | 'rating'>;

export const publicEn: Section = {
  lines: {
    title: 'Published lines',
    intro:
      'These numbers are published so that residents and businesses can raise appeals. Every appeal becomes a case with deadlines and a follow-up call.',
    number: 'Number',
    owner: 'Owner',
    mode: 'How it is answered',
    hours: 'Hours',
    empty: 'No published lines',
    loadFailed: 'Could not load the published lines',
    allDay: 'All day',
    closed: 'Closed',
    everyDay: 'Every day',
    dayRange: '{{from}}–{{to}}',
    listSeparator: ', ',
    span: '{{start}}–{{end}}',
    figures: 'Last month ({{month}})',
    figuresSummary: '{{dispatched}} dispatched · response {{response}} · resolution {{resolution}} · satisfaction {{satisfaction}}',
    figuresLink: 'Figures of every department and line',
    answerRate24h: 'Answered in last 24 h: {{rate}}',
    callsDetail: '{{offered}} calls · {{answered}} answered (callbacks within 1 h included) · {{missed}} not answered · answered within 15 s: {{prompt}}',
    noCallData: 'No call data',
    cold: 'Cold line',
    coldExplain: "Below the line's standard over the last 24 h (by default: under 95 % of calls answered, or under 95 % answered within 15 s; GB/T 33358-2016, the national standard for government hotlines)",
  },
  lineMode: {
    direct: 'Answered in person',
    staffed: 'Staffed',
    sms_only: 'SMS only',
    tip: 'Tip line',
  },
  lineModeExplain: {
    direct: 'The official answers personally, then hands the matter to the department that owns it and follows it up.',
    staffed: 'Call-centre staff answer, record and forward every appeal and track it until it is settled.',
    sms_only: 'Text messages only. State your unit, name, home address, national ID number and your demand.',
    tip: 'Reports of crime. Each tip is verified and acted on, and you get feedback. Your identity is protected.',
  },
  weekday: {
    mon: 'Mon',
    tue: 'Tue',
    wed: 'Wed',
    thu: 'Thu',
    fri: 'Fri',
    sat: 'Sat',
    sun: 'Sun',
  },
  holidayRule: {
    closed: 'Closed on public holidays',
    as_weekend: 'Weekend hours on public holidays',
    open: 'Open on public holidays',
  },
  rating: {
    title: 'Rate how your appeal was handled',
    intro: 'Tell us whether the matter was solved and whether you are satisfied. It counts in the assessment of the department.',
    solved: 'Was the matter solved?',
    satisfaction: 'Are you satisfied with the result?',
    comment: 'Comments',
    submit: 'Submit rating',
    thanks: 'Thank you for your rating!',
    yours: 'Your rating',
    solvedRequired: 'Please say whether the matter was solved',
    satisfactionRequired: 'Please choose how satisfied you are',
  },
};
