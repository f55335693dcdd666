import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, type GetRef } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { AccessRefused } from '../session/AccessRefused.tsx';
import { decide } from './staff-queries.ts';

type Decision = 'approve' | 'reject';

/**
 * The reviewer's decision on the version under review (上线审查): approve publishes it; reject sends it back and
 * needs a comment, checked here first and by the server again (its `comment` field error lands on the field).
 */
export function DecisionForm({
  code,
  version,
  ownVersion,
  onDecided,
}: {
  code: string;
  version: number;
  /** The reviewer wrote this version: the server refuses, so the buttons say so up front. */
  ownVersion: boolean;
  onDecided: (decision: Decision, version: number) => void;
}) {
  const client = useQueryClient();
  const field = useRef<GetRef<typeof Input.TextArea>>(null);
  const [comment, setComment] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (decision: Decision) => decide(code, version, decision, comment),
    onSuccess: async (result, decision) => {
      onDecided(decision, result.version);
      await Promise.all(
        [['staff'], ['item', code], ['items'], ['changes']].map((queryKey) =>
          client.invalidateQueries({ queryKey }),
        ),
      );
    },
    onError: (error) => {
      const onComment =
        error instanceof ApiError && error.problem?.errors?.find((e) => /comment$/.test(e.field));
      if (onComment) {
        setFieldError(onComment.message);
        field.current?.focus();
      }
    },
  });

  const submit = (decision: Decision) => {
    if (decision === 'reject' && !comment.trim()) {
      setFieldError(t('review.commentRequired'));
      field.current?.focus();
      return;
    }
    setFieldError(null);
    if (!mutation.isPending) mutation.mutate(decision);
  };

  const serverError = mutation.isError && !fieldError ? mutation.error : null;

  return (
    <section
      className="staff-section review-decision"
      id="review-decision"
      aria-labelledby="review-decision-title"
    >
      <h2 id="review-decision-title">{t('review.decision')}</h2>
      {ownVersion ? <Alert type="warning" showIcon title={t('review.ownVersion')} /> : null}
      {serverError instanceof ApiError && serverError.status === 401 ? (
        <AccessRefused status={401} />
      ) : serverError ? (
        <Alert
          type="error"
          role="alert"
          showIcon
          title={t('review.failed')}
          description={serverError instanceof ApiError ? serverError.message : t('error.body')}
        />
      ) : null}
      <form
        className="review-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit('approve');
        }}
      >
        <label htmlFor="review-comment" className="field-label">
          {t('review.comment')}
        </label>
        <p id="review-comment-hint" className="field-hint">
          {t('review.commentHint')}
        </p>
        <Input.TextArea
          id="review-comment"
          ref={field}
          value={comment}
          maxLength={1000}
          rows={4}
          status={fieldError ? 'error' : undefined}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'review-comment-error review-comment-hint' : 'review-comment-hint'}
          onChange={(e) => {
            setComment(e.target.value);
            if (fieldError && e.target.value.trim()) setFieldError(null);
          }}
        />
        {fieldError ? (
          <p id="review-comment-error" className="field-error" role="alert">
            {fieldError}
          </p>
        ) : null}
        <div className="review-actions">
          <Button type="primary" htmlType="submit" disabled={ownVersion} aria-disabled={mutation.isPending}>
            {mutation.isPending && mutation.variables === 'approve'
              ? t('review.deciding')
              : t('review.approve')}
          </Button>
          <Button
            danger
            disabled={ownVersion}
            aria-disabled={mutation.isPending}
            onClick={() => submit('reject')}
          >
            {mutation.isPending && mutation.variables === 'reject'
              ? t('review.deciding')
              : t('review.reject')}
          </Button>
        </div>
      </form>
    </section>
  );
}
