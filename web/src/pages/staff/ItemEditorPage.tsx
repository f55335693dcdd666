import { PageHeading, usePageTitle } from '../../app/page.tsx';

/** Reserved: the item editor: split into items from an article, the form-based rule builder, examples before submitting. */
export function ItemEditorPage() {
  usePageTitle('建设中');
  return <PageHeading>建设中</PageHeading>;
}
