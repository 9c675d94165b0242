// Shapes of the public survey API (notes/CONTRACT.md, "Public (widgets)"): types only, nothing ships.

export type QuestionType = 'single' | 'multiple' | 'rating' | 'nps' | 'text';

export interface Question {
  id: number;
  type: QuestionType;
  prompt: string;
  required: boolean;
  maxLength: number | null;
  options: { id: number; label: string }[];
}

export interface PublicSurvey {
  slug: string;
  kind: 'poll' | 'survey';
  title: string;
  description: string | null;
  audience: 'anyone' | 'members';
  state: 'open' | 'closed' | 'scheduled';
  opensAt: string | null;
  closesAt: string | null;
  resultsVisibility: 'after_answer' | 'after_close' | 'staff';
  questions: Question[];
}

export interface QuestionResults {
  id: number;
  type: QuestionType;
  answered: number;
  options?: { id: number; label: string; count: number; percent: number }[];
  mean?: number | null;
  distribution?: { value: number; count: number }[];
  nps?: { score: number; promoters: number; passives: number; detractors: number } | null;
}

export interface Results {
  total: number;
  questions: QuestionResults[];
}

export interface SurveyPayload {
  survey: PublicSurvey;
  answered: boolean;
  results: Results | null;
}

export type Answer =
  | { questionId: number; optionIds: number[] }
  | { questionId: number; value: number }
  | { questionId: number; text: string };

export interface ResponseCreated {
  responseId: number;
  results: Results | null;
}

export interface FieldError {
  questionId?: number;
  field: string;
  message: string;
}
