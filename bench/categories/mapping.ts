/**
 * The evaluation data's labels are its own scheme's seven top-level categories; this says which
 * of them each of our top-level categories (by code) stands for. Ours has thirteen, some with no
 * counterpart (never right when suggested).
 */
export const LABEL_OF_OURS: Readonly<Record<string, string>> = {
  urban: '城乡建设',
  utilities: '城乡建设',
  housing: '城乡建设',
  environment: '环境保护',
  transport: '交通运输',
  labour: '劳动和社会保障',
  education: '教育文体',
  health: '卫生计生',
  market: '商贸旅游',
};
