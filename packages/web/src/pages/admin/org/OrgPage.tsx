import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Tag, Tree, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { PageSpinner } from '../../../components/PageSpinner';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { orgKindLabel } from '../../../i18n/labels';
import { buildOrgTree, type OrgTreeNode } from '../../../lib/orgTree';
import { orgUnitKeys, useOrgUnits } from '../../../api/queries/orgUnits';
import { AddUnitModal } from './AddUnitModal';
import { AliasesModal } from './AliasesModal';

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
  const client = useQueryClient();
  // The new or renamed unit must appear here and in every unit picker.
  const refresh = () => void client.invalidateQueries({ queryKey: orgUnitKeys.all });
  const [selected, setSelected] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const [editingAliases, setEditingAliases] = useState(false);
  const aliasesById = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.aliases ?? []])), [units.data]);
  const selectedUnit = units.data?.find((u) => u.id === selected);

  const treeData = useMemo(() => {
    const toDisplay = (node: OrgTreeNode): DisplayNode => ({
      key: node.key,
      title: (
        <span data-testid="org-node">
          {node.title} <Tag>{orgKindLabel(t, node.kind)}</Tag>
          {(aliasesById.get(node.key) ?? []).length > 0 && (
            <Typography.Text type="secondary" data-testid="org-node-aliases">
              {t('org.aliases')}：{(aliasesById.get(node.key) ?? []).join('、')}
            </Typography.Text>
          )}
        </span>
      ),
      children: node.children.map(toDisplay),
    });
    return units.data ? buildOrgTree(units.data).map(toDisplay) : [];
  }, [units.data, t, aliasesById]);

  return (
    <Panel
      title={t('org.title')}
      extra={
        <Flex gap="small">
          {selectedUnit && (
            <Button onClick={() => setEditingAliases(true)} data-testid="unit-aliases">
              {t('org.editAliases')}
            </Button>
          )}
          <Button type="primary" onClick={() => setAdding(true)} data-testid="unit-add">
            {selected ? t('org.addChild') : t('org.add')}
          </Button>
        </Flex>
      }
    >
      <PageTitle title={t('org.title')} />
      <Typography.Paragraph type="secondary">{t('org.intro')}</Typography.Paragraph>
      <LoadError error={units.error} onRetry={() => void units.refetch()} />
      {units.isPending && <PageSpinner />}
      {units.data &&
        (treeData.length === 0 ? (
          <Empty description={t('org.empty')} />
        ) : (
          <Flex vertical data-testid="org-tree">
            <Tree
              // Re-mount when the tree grows so the new unit's branch opens too.
              key={units.data.length}
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
            refresh();
          }}
        />
      )}
      {editingAliases && selectedUnit && (
        <AliasesModal
          unit={selectedUnit}
          onCancel={() => setEditingAliases(false)}
          onSaved={() => {
            void message.success(t('org.aliasesSaved'));
            setEditingAliases(false);
            refresh();
          }}
        />
      )}
    </Panel>
  );
}
