import type { figuresZhCN } from './figures.zh-CN';

/** The public figures page (政务热线公开数据): no login, every department and published line. */
export const figuresEn: typeof figuresZhCN = {
  publicFigures: {
    title: 'Public figures',
    intro:
      'How each department and each published line handled appeals, month by month: whether the citizen was contacted in time (response rate), whether the problem was solved (resolution rate), whether the citizen was satisfied (satisfaction rate), and returns and overdue cases. Figures update every few minutes and count local days.',
    month: 'Month',
    period: 'Period',
    periodMonth: 'Month',
    periodYear: 'Last 12 months',
    city: 'Whole city',
    departments: 'Departments',
    lines: 'Published lines',
    trend: 'The city over the last 12 months',
    unit: 'Department',
    line: 'Line',
    owner: 'Owner',
    dispatched: 'Dispatched',
    responseRate: 'Response rate',
    resolutionRate: 'Resolution rate',
    satisfactionRate: 'Satisfaction rate',
    returnRate: 'Return rate',
    answerRate: 'Answer rate',
    overdue: 'Overdue',
    noData: 'n/a',
    noDataHint: '“n/a” means there was nothing to count in the period, which is not 0 %.',
    loadFailed: 'Could not load the public figures',
    empty: 'No figures for this period',
    openData: 'Open data',
    openDataIntro:
      'Anonymised case records per month, without the appeal text, personal data, exact addresses or case numbers; where fewer than 5 cases of one category come from one district in a month, their district and unit are left out.',
    downloadCsv: 'Download CSV',
    downloadJson: 'Download JSON',
    dictionary: 'Data dictionary',
    definitions:
      'Definitions: response rate = cases whose citizen was contacted by the deadline / contact deadlines that fell due; resolution rate = visits answering solved / visits; satisfaction rate = satisfied or basically satisfied / visits; return rate = returns / dispatches.',
    ranking: 'Ranking',
    rankingIntro: 'Ranked by a composite score weighting response, resolution and satisfaction (weights set by the administrator); units with too few cases or nothing to count are not ranked.',
    rank: 'Rank',
    score: 'Score',
    change: 'Since last month',
    unranked: 'Not ranked',
  },
};
