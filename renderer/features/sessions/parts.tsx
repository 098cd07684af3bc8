import { Badge, Box, Group, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attendance, SessionStatus, SessionSummary } from '../../../common/sessions';

export const statusColors: Record<SessionStatus, string> = { scheduled: 'blue', completed: 'teal', cancelled: 'gray' };
export const attendanceColors: Record<Attendance, string> = { expected: 'gray', attended: 'teal', missed: 'red', excused: 'yellow' };

/** A type's colour as a small dot; the name beside it carries the meaning. */
export function TypeDot({ color, size = 10 }: { color: string; size?: number }) {
  return (
    <Box
      component="span"
      aria-hidden
      style={{ display: 'inline-block', width: size, height: size, borderRadius: '50%', background: color, flexShrink: 0 }}
    />
  );
}

export function TypeLabel({ name, color, size = 'sm', fw = 500 }: { name: string; color: string; size?: string; fw?: number }) {
  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
      <TypeDot color={color} />
      <Text span size={size} fw={fw} truncate>
        <bdi>{name}</bdi>
      </Text>
    </Group>
  );
}

export function SessionStatusBadge({ status, size = 'sm' }: { status: SessionStatus; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColors[status]} size={size} radius="sm" tt="none" fw={600}>
      {t(`sessions.status.${status}`)}
    </Badge>
  );
}

export function AttendanceBadge({ attendance, size = 'sm' }: { attendance: Attendance; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={attendanceColors[attendance]} size={size} radius="sm" tt="none" fw={600}>
      {t(`sessions.attendance.${attendance}`)}
    </Badge>
  );
}

/** "Zawadi Njeri, Otieno Kamau and 38 others": the first names the core sends, then how many more (as plain text, for a tooltip or a label). */
export function attendeeText(t: TFunction, session: Pick<SessionSummary, 'attendeeNames' | 'attendeeCount'>): string {
  if (session.attendeeCount === 0) return t('sessions.noAttendees');
  const names = session.attendeeNames.join(t('sessions.nameSeparator'));
  const more = session.attendeeCount - session.attendeeNames.length;
  return more > 0 ? t('sessions.attendeesMore', { names, count: more }) : names;
}

/**
 * The same, for the screen: each name isolated, so a Latin name in an Arabic
 * sentence (or the reverse) keeps the sentence in its reading order.
 */
export function AttendeeNames({ session }: { session: Pick<SessionSummary, 'attendeeNames' | 'attendeeCount'> }) {
  const { t } = useTranslation();
  if (session.attendeeCount === 0) return <>{t('sessions.noAttendees')}</>;
  const separator = t('sessions.nameSeparator');
  const names = session.attendeeNames.map((name, i) => (
    <Fragment key={i}>
      {i > 0 && separator}
      <bdi>{name}</bdi>
    </Fragment>
  ));
  const more = session.attendeeCount - session.attendeeNames.length;
  if (more <= 0) return <>{names}</>;
  // The translation decides where the names go: "{{names}} and 38 others", "{{names}} و38 شخصًا آخر".
  const [before = '', after = ''] = t('sessions.attendeesMore', { names: '\u0000', count: more }).split('\u0000');
  return (
    <>
      {before}
      {names}
      {after}
    </>
  );
}
