import { Link, type LinkProps } from 'react-router';

/** A link that looks like a button: navigation stays a link (no button inside a link, which nests controls). */
export function ButtonLink({ primary = false, className, ...props }: LinkProps & { primary?: boolean }) {
  return (
    <Link
      {...props}
      className={['button-link', primary ? 'button-link-primary' : '', className ?? '']
        .filter(Boolean)
        .join(' ')}
    />
  );
}
