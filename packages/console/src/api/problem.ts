/** One field error of a problem document: the field's path (`objective.employees`) and why. */
export interface FieldProblem {
  path: string;
  message: string;
  rule?: string;
}

/** An RFC 9457 problem document as the Rapport API sends it. */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  details?: Record<string, unknown>;
}

/** An answer of the API that was not a success, with its problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: ProblemDocument;

  constructor(problem: ProblemDocument, options?: { cause?: unknown }) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`, options);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code ?? `HTTP_${problem.status}`;
    this.problem = problem;
  }

  /** The field errors the server named (empty when it named none). */
  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }

  /** A version conflict: the record changed since it was read (412, or 409 of kind `version`). */
  get isVersionConflict(): boolean {
    return this.status === 412 || (this.status === 409 && this.problem.details?.kind === 'version');
  }
}

/** Reads a failed response as an {@link ApiError} (a body that is no problem document still gives one). */
export async function problemFrom(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    return new ApiError({ status: response.status, title: response.statusText }, { cause });
  }
  const problem =
    body && typeof body === 'object' && !Array.isArray(body)
      ? ({ status: response.status, ...(body as object) } as ProblemDocument)
      : { status: response.status, title: response.statusText };
  return new ApiError(problem);
}
