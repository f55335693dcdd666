import { PageHeading, usePageTitle } from '../app/page.tsx';

/** Reserved: a data subject's own data: who used it and why, and personalised push on or off. */
export function MyDataPage() {
  usePageTitle('建设中');
  return <PageHeading>建设中</PageHeading>;
}
