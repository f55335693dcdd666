/**
 * RFC 9457 problem details. Every error the API returns has this shape, with `errors` naming the fields and
 * `line`/`page` naming where in an ingested file a problem sits.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
  line?: number | null;
  page?: number | null;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Partial<Problem> = {},
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what: string) => new HttpProblem(404, '未找到', `${what}不存在`);
