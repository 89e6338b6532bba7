import { App, Button, Empty, Flex, Tag, Tree, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { PageSpinner } from '../../../components/PageSpinner';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { orgKindLabel } from '../../../i18n/labels';
import { buildOrgTree, type OrgTreeNode } from '../../../lib/orgTree';
import { useOrgUnits } from '../../../lib/useOrgUnits';
import { AddUnitModal } from './AddUnitModal';

interface DisplayNode {
  key: string;
  title: ReactNode;
  children: DisplayNode[];
}

/** The organisation tree with each unit's kind; select a unit to add one under it. */
export default function OrgPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const units = useOrgUnits();
  const [selected, setSelected] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);

  const treeData = useMemo(() => {
    const toDisplay = (node: OrgTreeNode): DisplayNode => ({
      key: node.key,
      title: (
        <span data-testid="org-node">
          {node.title} <Tag>{orgKindLabel(t, node.kind)}</Tag>
        </span>
      ),
      children: node.children.map(toDisplay),
    });
    return units.status === 'success' ? buildOrgTree(units.units).map(toDisplay) : [];
  }, [units, t]);

  return (
    <Panel
      title={t('org.title')}
      extra={
        <Button type="primary" onClick={() => setAdding(true)} data-testid="unit-add">
          {selected ? t('org.addChild') : t('org.add')}
        </Button>
      }
    >
      <PageTitle title={t('org.title')} />
      <Typography.Paragraph type="secondary">{t('org.intro')}</Typography.Paragraph>
      <LoadError error={units.status === 'error' ? units.error : null} onRetry={units.reload} />
      {units.status === 'loading' && <PageSpinner />}
      {units.status === 'success' &&
        (treeData.length === 0 ? (
          <Empty description={t('org.empty')} />
        ) : (
          <Flex vertical data-testid="org-tree">
            <Tree
              // Re-mount when the tree grows so the new unit's branch opens too.
              key={units.units.length}
              treeData={treeData}
              defaultExpandAll
              showLine
              blockNode
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected(keys[0] === undefined ? undefined : String(keys[0]))}
            />
          </Flex>
        ))}
      {adding && (
        <AddUnitModal
          parentId={selected}
          onCancel={() => setAdding(false)}
          onCreated={(unit) => {
            void message.success(t('org.created', { name: unit.name }));
            setAdding(false);
            // The new unit must appear here and in every unit picker.
            units.reload();
          }}
        />
      )}
    </Panel>
  );
}
