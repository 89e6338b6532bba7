import { Alert, App, Button, Empty, Flex, Popconfirm, Spin, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategoryEdits, useCategoryTree, type Category } from '../../../api/categories';
import { LoadError } from '../../../components/LoadError';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { flattenCategories, MAX_CATEGORY_DEPTH } from '../../../lib/categoryTree';
import { describeError } from '../../../lib/errors';
import { useExpireOnUnauthenticated } from '../../../session/context';
import { CategoryForm, type CategoryFormMode } from './CategoryForm';
import { CategoryModelPanel } from './CategoryModelPanel';

/**
 * 诉求分类 (issue 12 §6): the jurisdiction's three-level category tree. Admins add, rename,
 * move (by choosing another parent), retire and restore; a category no case uses may be
 * deleted. Every change is audited by the server; the codes never change (Open311 services).
 */
export default function CategoriesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tree = useCategoryTree(true);
  useExpireOnUnauthenticated(tree.error);
  const edits = useCategoryEdits();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [mode, setMode] = useState<CategoryFormMode | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const nodes = useMemo(() => tree.data ?? [], [tree.data]);
  const selected = useMemo(() => flattenCategories(nodes).find((c) => c.id === selectedId) ?? null, [nodes, selectedId]);
  const treeData = useMemo(() => toTreeData(nodes, t('categories.retiredTag')), [nodes, t]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setActionError(null);
    try {
      await work();
      void message.success(done);
    } catch (error) {
      setActionError(error);
    }
  };

  return (
    <Panel
      title={t('categories.title')}
      extra={
        <Button type="primary" onClick={() => setMode({ kind: 'create', parent: null })} disabled={!tree.data} data-testid="categories-add-top">
          {t('categories.addTop')}
        </Button>
      }
    >
      <PageTitle title={t('categories.title')} />
      <Typography.Paragraph type="secondary">{t('categories.intro', { depth: MAX_CATEGORY_DEPTH })}</Typography.Paragraph>
      <LoadError error={tree.error} onRetry={() => void tree.refetch()} />
      {actionError !== null && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, actionError)} />}
      {tree.isPending && <Spin />}
      {tree.data && nodes.length === 0 && (
        <Empty description={t('categories.empty')}>
          <Button onClick={() => void act(() => edits.loadDefaults.mutateAsync(), t('categories.defaultsLoaded'))} loading={edits.loadDefaults.isPending} data-testid="categories-load-defaults">
            {t('categories.loadDefaults')}
          </Button>
        </Empty>
      )}
      {nodes.length > 0 && (
        <div className="categories-layout">
          <div className="categories-tree" data-testid="categories-tree">
            <Tree
              showLine
              blockNode
              defaultExpandedKeys={nodes.map((n) => n.id)}
              treeData={treeData}
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => setSelectedId(typeof keys[0] === 'string' ? keys[0] : null)}
            />
          </div>
          <div className="categories-detail" data-testid="categories-detail">
            {selected ? (
              <CategoryDetail
                category={selected}
                onEdit={() => setMode({ kind: 'edit', category: selected })}
                onAddChild={() => setMode({ kind: 'create', parent: selected })}
                onRetire={(retired) => void act(() => edits.setRetired.mutateAsync({ id: selected.id, retired }), t(retired ? 'categories.retired' : 'categories.restored'))}
                onDelete={() =>
                  void act(async () => {
                    await edits.remove.mutateAsync(selected.id);
                    setSelectedId(null);
                  }, t('categories.deleted'))
                }
              />
            ) : (
              <Typography.Text type="secondary">{t('categories.pick')}</Typography.Text>
            )}
          </div>
        </div>
      )}
      {nodes.length > 0 && <CategoryModelPanel />}
      {mode && (
        <CategoryForm
          mode={mode}
          nodes={nodes}
          onClose={() => setMode(null)}
          onSaved={(saved) => {
            setSelectedId(saved.id);
            setMode(null);
            void message.success(t('categories.saved'));
          }}
        />
      )}
    </Panel>
  );
}

function CategoryDetail(props: { category: Category; onEdit: () => void; onAddChild: () => void; onRetire: (retired: boolean) => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const c = props.category;
  return (
    <Flex vertical gap="small">
      <Typography.Title level={2} className="categories-detail__title">
        {c.name} {c.retired && <Tag>{t('categories.retiredTag')}</Tag>}
      </Typography.Title>
      <dl className="categories-facts">
        <dt>{t('categories.code')}</dt>
        <dd>
          <code data-testid="category-code">{c.code}</code>
        </dd>
        <dt>{t('categories.level')}</dt>
        <dd>{t('categories.levelN', { level: c.level })}</dd>
        <dt>{t('categories.keywords')}</dt>
        <dd>{c.keywords.length > 0 ? c.keywords.map((k) => <Tag key={k}>{k}</Tag>) : t('common.none')}</dd>
        <dt>{t('categories.description')}</dt>
        <dd>{c.description ?? t('common.none')}</dd>
      </dl>
      <Flex gap="small" wrap>
        <Button onClick={props.onEdit} data-testid="category-edit">
          {t('common.edit')}
        </Button>
        <Button onClick={props.onAddChild} disabled={c.level >= MAX_CATEGORY_DEPTH || c.retired} data-testid="category-add-child">
          {t('categories.addChild')}
        </Button>
        <Button onClick={() => props.onRetire(!c.retired)} data-testid="category-retire">
          {c.retired ? t('categories.restore') : t('categories.retire')}
        </Button>
        <Popconfirm title={t('categories.deleteConfirm')} onConfirm={props.onDelete} okText={t('categories.delete')} cancelText={t('common.cancel')}>
          <Button danger disabled={c.children.length > 0} data-testid="category-delete">
            {t('categories.delete')}
          </Button>
        </Popconfirm>
      </Flex>
      <Typography.Text type="secondary">{t('categories.retireHelp')}</Typography.Text>
    </Flex>
  );
}

function toTreeData(nodes: readonly Category[], retiredLabel: string): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: (
      <span className={n.retired ? 'categories-node categories-node--retired' : 'categories-node'}>
        {n.name}
        {n.retired && <Tag className="categories-node__tag">{retiredLabel}</Tag>}
      </span>
    ),
    children: toTreeData(n.children, retiredLabel),
  }));
}
