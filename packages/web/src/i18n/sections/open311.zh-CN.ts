/** Open311 接口（issue 11 §3）：第三方应用的 API 密钥。 */
export const open311ZhCN = {
  open311: {
    title: 'Open311 接入',
    intro: '第三方市民应用（如 FixMyStreet）可通过 Open311 GeoReport v2 接口查询服务类别、提交诉求并跟踪进度，提交的诉求与网上诉求一样进入受理流程。每个应用使用一个密钥。接口地址：',
    name: '应用名称',
    namePlaceholder: '例如：FixMyStreet 本地站',
    issue: '生成密钥',
    issued: '密钥已生成，只显示这一次，请立即交给应用方配置：',
    prefix: '开头',
    createdAt: '生成时间',
    lastUsedAt: '最近使用',
    state: '状态',
    revoke: '吊销',
    revokeConfirm: '吊销后，该应用提交的诉求将被拒绝。确定吊销？',
    revoked: '已吊销',
  },
};
