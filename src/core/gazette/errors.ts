/**
 * A parse failure that names where it happened. Messages are in Chinese: they reach the clerk who ingests.
 */
export class GazetteParseError extends Error {
  override readonly name = 'GazetteParseError';
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly page: number | null = null,
    readonly code:
      'empty' | 'binary' | 'encoding' | 'not-a-document' | 'truncated' | 'structure' = 'structure',
  ) {
    super(GazetteParseError.locate(message, line, page));
  }

  private static locate(message: string, line: number | null, page: number | null): string {
    const where = [page !== null ? `第${page}页` : null, line !== null ? `第${line}行` : null].filter(
      Boolean,
    );
    return where.length > 0 ? `${where.join('，')}：${message}` : message;
  }
}
