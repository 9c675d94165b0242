// Shapes of the public survey API, as the server defines them: type-only imports, so nothing ships.
import type { QuestionType } from '../../server/db/database.ts';
import type { FieldProblem } from '../../server/errors.ts';
import type { QuestionResult, Results } from '../../server/surveys/surveys.results.ts';
import type { PublicSurvey, ResponseCreated, SurveyPayload } from '../../server/surveys/surveys.routes.ts';
import type { Answer } from '../../server/surveys/surveys.schemas.ts';

export type { Answer, PublicSurvey, QuestionType, ResponseCreated, Results, SurveyPayload };

export type Question = PublicSurvey['questions'][number];

/** A question's results as the public sees them (staff results add `texts`). */
export type QuestionResults = QuestionResult;

/** One 422 `details` entry. */
export type FieldError = FieldProblem;
