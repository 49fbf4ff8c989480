// An account's picture, or its initial when it has none.

export function Avatar({ url, name, size = 'medium' }: { url: string | null | undefined; name: string; size?: 'medium' | 'large' }) {
  const className = `avatar avatar--${size}`;
  if (url !== null && url !== undefined && url !== '') {
    return <img className={className} src={url} alt="" loading="lazy" decoding="async" />;
  }
  return (
    <span className={`${className} avatar--blank`} aria-hidden="true">
      {Array.from(name)[0]?.toUpperCase() ?? '?'}
    </span>
  );
}
