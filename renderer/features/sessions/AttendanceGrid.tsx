import { ActionIcon, Button, Group, Kbd, Text, useDirection } from '@mantine/core';
import { type CSSProperties, type KeyboardEvent, memo, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attendance } from '../../../common/sessions';
import { IconCheck, IconTrash } from '../../components/icons';
import { translateMessage } from '../../i18n';
import classes from './AttendanceGrid.module.css';
import { attendanceColors } from './parts';

/** A person on a session's list, as the form and the attendance page hold them. */
export interface AttendeeRow {
  beneficiaryId: string;
  name: string;
  code: string;
  attendance: Attendance;
  /** '' when none. */
  outcome: string;
}

/** The three marks, in order; `expected` (not marked yet) is no mark at all. */
export const marks = ['attended', 'missed', 'excused'] as const satisfies readonly Attendance[];

/** Physical keys, so they work on any keyboard layout (an Arabic keyboard's A key still marks "attended"). */
const keyMarks: Record<string, Attendance> = {
  KeyA: 'attended',
  Digit1: 'attended',
  Numpad1: 'attended',
  KeyM: 'missed',
  Digit2: 'missed',
  Numpad2: 'missed',
  KeyE: 'excused',
  Digit3: 'excused',
  Numpad3: 'excused',
};

interface RowProps {
  row: AttendeeRow;
  index: number;
  marking: boolean;
  outcomeError: string | undefined;
  onChange(index: number, patch: Partial<AttendeeRow>): void;
  onRemove?(index: number): void;
}

const Row = memo(function Row({ row, index, marking, outcomeError, onChange, onRemove }: RowProps) {
  const { t } = useTranslation();
  const tabbable = marks.includes(row.attendance as (typeof marks)[number]) ? row.attendance : 'attended';
  const errorId = `outcome-error-${row.beneficiaryId}`;
  return (
    <tr data-row={index} className={classes.row} data-attendance={row.attendance}>
      <td className={classes.number}>{index + 1}</td>
      <td className={classes.name}>
        <span className={classes.person} title={row.name}>
          <bdi>{row.name}</bdi>
        </span>
        <span className={classes.code}>{row.code}</span>
      </td>
      {marking && (
        <td>
          <div role="radiogroup" aria-label={t('sessions.grid.attendanceOf', { name: row.name })} className={classes.marks}>
            {marks.map((mark) => {
              const checked = row.attendance === mark;
              return (
                <button
                  key={mark}
                  type="button"
                  role="radio"
                  aria-checked={checked}
                  tabIndex={mark === tabbable ? 0 : -1}
                  data-mark={mark}
                  className={classes.mark}
                  style={checked ? ({ '--mark-color': `var(--mantine-color-${attendanceColors[mark]}-8)` } as CSSProperties) : undefined}
                  onClick={() => onChange(index, { attendance: mark })}
                >
                  {checked && <IconCheck size={14} />}
                  {t(`sessions.attendance.${mark}`)}
                </button>
              );
            })}
          </div>
        </td>
      )}
      {marking && (
        <td>
          <input
            className={classes.outcome}
            data-outcome
            dir="auto"
            aria-label={t('sessions.grid.outcomeOf', { name: row.name })}
            placeholder={t('sessions.grid.outcomePlaceholder')}
            value={row.outcome}
            maxLength={500}
            aria-invalid={outcomeError ? true : undefined}
            aria-describedby={outcomeError ? errorId : undefined}
            onChange={(event) => onChange(index, { outcome: event.currentTarget.value })}
          />
          {outcomeError && (
            <Text id={errorId} size="xs" c="red.8">
              {translateMessage(outcomeError)}
            </Text>
          )}
        </td>
      )}
      {onRemove && (
        <td className={classes.remove}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('sessions.grid.remove', { name: row.name })}
            onClick={() => onRemove(index)}
            size="sm"
          >
            <IconTrash size={16} />
          </ActionIcon>
        </td>
      )}
    </tr>
  );
});

interface Props {
  rows: AttendeeRow[];
  /** The table's accessible name. */
  label: string;
  /** Attendance and outcome columns: for a session that happened. A planned session lists the people only. */
  marking: boolean;
  onChange(index: number, patch: Partial<AttendeeRow>): void;
  onMarkAll?(attendance: Attendance): void;
  onRemove?(index: number): void;
  /** Outcome errors by row index (from the schema or the core). */
  outcomeErrors?: Record<number, string>;
}

/** How many are marked each way: "38 attended · 1 missed · 1 excused". */
export function AttendanceSummary({ rows, live = true }: { rows: AttendeeRow[]; live?: boolean }) {
  const { t } = useTranslation();
  const counts = { attended: 0, missed: 0, excused: 0, expected: 0 };
  for (const row of rows) counts[row.attendance] += 1;
  const parts = [
    t('sessions.grid.countAttended', { count: counts.attended }),
    t('sessions.grid.countMissed', { count: counts.missed }),
    t('sessions.grid.countExcused', { count: counts.excused }),
  ];
  if (counts.expected > 0) parts.push(t('sessions.grid.countExpected', { count: counts.expected }));
  return (
    <Text size="sm" fw={600} role={live ? 'status' : undefined} aria-live={live ? 'polite' : undefined}>
      {parts.join(' · ')}
    </Text>
  );
}

/**
 * The attendance list, made for the keyboard: ↑ ↓ move between people, A M E
 * (or 1 2 3) mark and go on to the next person, Tab reaches the outcome.
 * Forty people is a normal group: rows are memoised, so a mark redraws one row.
 */
export function AttendanceGrid({ rows, label, marking, onChange, onMarkAll, onRemove, outcomeErrors }: Props) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const body = useRef<HTMLTableSectionElement>(null);

  const focusRow = useCallback((index: number, target: 'radio' | 'outcome', mark?: Attendance) => {
    const row = body.current?.querySelector<HTMLElement>(`tr[data-row="${index}"]`);
    if (!row) return false;
    const element =
      target === 'outcome'
        ? row.querySelector<HTMLElement>('[data-outcome]')
        : row.querySelector<HTMLElement>(mark ? `[data-mark="${mark}"]` : '[role="radio"][tabindex="0"]');
    element?.focus();
    return !!element;
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const index = Number(target.closest('tr')?.getAttribute('data-row'));
    if (!Number.isInteger(index)) return;
    const last = rows.length - 1;
    if (target.hasAttribute('data-outcome')) {
      const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Enter: index + 1 };
      const next = moves[event.key];
      if (next === undefined || event.shiftKey) return;
      event.preventDefault();
      focusRow(Math.min(Math.max(0, next), last), 'outcome');
      return;
    }
    if (target.getAttribute('role') !== 'radio') return;
    const current = target.getAttribute('data-mark') as (typeof marks)[number];
    const mark = keyMarks[event.code];
    if (mark && !event.shiftKey) {
      event.preventDefault();
      onChange(index, { attendance: mark });
      // A roll call: mark, and on to the next person (the last one keeps the focus).
      if (index < last) focusRow(index + 1, 'radio');
      else focusRow(index, 'radio', mark);
      return;
    }
    const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const backward = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
      case 'Home':
      case 'End': {
        event.preventDefault();
        const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: last }[event.key];
        focusRow(Math.min(Math.max(0, next), last), 'radio');
        return;
      }
      case forward:
      case backward: {
        event.preventDefault();
        const position = marks.indexOf(current);
        const step = event.key === forward ? 1 : -1;
        const next = marks[(position + step + marks.length) % marks.length]!;
        onChange(index, { attendance: next });
        focusRow(index, 'radio', next);
        return;
      }
      case ' ':
      case 'Enter':
        event.preventDefault();
        onChange(index, { attendance: current });
        return;
      case 'Delete':
      case 'Backspace':
        event.preventDefault();
        onChange(index, { attendance: 'expected' });
        return;
    }
  };

  return (
    <div className={classes.wrapper}>
      {marking && (
        <Group justify="space-between" gap="sm" mb="xs" wrap="wrap">
          <AttendanceSummary rows={rows} />
          {onMarkAll && rows.length > 0 && (
            <Button size="xs" variant="light" leftSection={<IconCheck size={16} />} onClick={() => onMarkAll('attended')}>
              {t('sessions.grid.markAllAttended')}
            </Button>
          )}
        </Group>
      )}
      {marking && (
        <Text
          component="div"
          role="note"
          size="xs"
          c="dimmed"
          mb="xs"
          className={classes.legend}
          aria-label={t('sessions.grid.legendLabel')}
        >
          <span>
            <Kbd size="xs">A</Kbd> / <Kbd size="xs">1</Kbd> {t('sessions.attendance.attended')}
          </span>
          <span>
            <Kbd size="xs">M</Kbd> / <Kbd size="xs">2</Kbd> {t('sessions.attendance.missed')}
          </span>
          <span>
            <Kbd size="xs">E</Kbd> / <Kbd size="xs">3</Kbd> {t('sessions.attendance.excused')}
          </span>
          <span>{t('sessions.grid.legendNext')}</span>
          <span>
            <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('sessions.grid.legendMove')}
          </span>
          <span>
            <Kbd size="xs">Tab</Kbd> {t('sessions.grid.legendOutcome')}
          </span>
        </Text>
      )}
      <div className={classes.scroller}>
        <table className={classes.table} aria-label={label}>
          <thead>
            <tr>
              <th className={classes.number}>#</th>
              <th>{t('sessions.grid.person')}</th>
              {marking && <th>{t('sessions.grid.attendance')}</th>}
              {marking && <th>{t('sessions.grid.outcome')}</th>}
              {onRemove && (
                <th className={classes.remove}>
                  <span className={classes.hidden}>{t('sessions.grid.removeColumn')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody ref={body} onKeyDown={onKeyDown}>
            {rows.map((row, index) => (
              <Row
                key={row.beneficiaryId}
                row={row}
                index={index}
                marking={marking}
                outcomeError={outcomeErrors?.[index]}
                onChange={onChange}
                onRemove={onRemove}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
