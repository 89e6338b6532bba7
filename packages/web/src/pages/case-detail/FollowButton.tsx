import { App, Button } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { deskKeys, getFollowing, setFollowing } from '../../api/desk';
import { describeError } from '../../lib/errors';

/** 关注 / 取消关注: follow a case to be told of each step (issue 12 §2; the telling is the notifications'). */
export function FollowButton({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const state = useQuery({ queryKey: deskKeys.follow(caseId), queryFn: ({ signal }) => getFollowing(caseId, signal) });
  const toggle = useMutation({
    mutationFn: (following: boolean) => setFollowing(caseId, following),
    onSuccess: (result) => {
      client.setQueryData(deskKeys.follow(caseId), result);
      void message.success(t(result.following ? 'follow.followed' : 'follow.unfollowed'));
      void client.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
    onError: (error) => void message.error(describeError(t, error)),
  });
  if (!state.data) return null;
  const following = state.data.following;
  return (
    <Button data-testid="case-follow" aria-pressed={following} loading={toggle.isPending} onClick={() => toggle.mutate(!following)}>
      {following ? t('follow.unfollow') : t('follow.follow')}
    </Button>
  );
}
