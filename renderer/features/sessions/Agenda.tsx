import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
  useDirection,
} from '@mantine/core';
import { useViewportSize } from '@mantine/hooks';
import { type CSSProperties, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { create } from 'zustand';
import { AGENDA_PER_DAY, type SessionSummary } from '../../../common/sessions';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconArrowBack } from '../../components/icons';
import { useNow } from '../../components/useNow';
import { useSession } from '../../stores/session';
import { useClinics } from '../clinics/useClinics';
import classes from './Agenda.module.css';
import { useStaffDirectory } from './data';
import { useFormat } from '../../i18n/format';
import { useSessionFormat } from './format';
import { AttendeeNames, attendeeText } from './parts';
import { addDays, firstDayOfWeek, localDate, minutesInto, placeInLanes, startOfDay, startOfWeek } from './time';

const cx = (...names: (string | undefined)[]) => names.filter(Boolean).join(' ');

/** Height of one hour on the grid, in pixels. */
const HOUR = 52;
/** The hours always shown; earlier or later sessions stretch the grid. */
const DAY_START = 7;
const DAY_END = 19;

type View = 'day' | 'week';

interface AgendaState {
  view: View;
  /** Any moment of the day (or week) on screen. */
  anchor: number;
  /** A staff member's id, 'all' for the whole clinic, or null for "me" (the default). */
  staff: string | null;
  clinicId: string | null;
  set(patch: Partial<Omit<AgendaState, 'set'>>): void;
}

/** Where the agenda was left, kept while this window is open. */
const useAgendaState = create<AgendaState>()((set) => ({
  view: 'week',
  anchor: Date.now(),
  staff: null,
  clinicId: null,
  set: (patch) => set(patch),
}));

interface BlockProps {
  session: SessionSummary;
  day: Date;
  firstHour: number;
  lane: number;
  lanes: number;
  everyone: boolean;
  /** A week's narrow columns show the start time only (the full range is in the tooltip). */
  compact: boolean;
}

function Block({ session, day, firstHour, lane, lanes, everyone, compact }: BlockProps) {
  const { t } = useTranslation();
  const format = useSessionFormat();
  const start = Math.max(0, minutesInto(day, new Date(session.scheduledAt)));
  const end = Math.min(24 * 60, minutesInto(day, new Date(Date.parse(session.scheduledAt) + session.durationMinutes * 60_000)));
  const top = ((start - firstHour * 60) / 60) * HOUR;
  const height = Math.max(22, ((end - start) / 60) * HOUR - 2);
  const style = {
    top,
    height,
    insetInlineStart: `calc(${(lane / lanes) * 100}% + 2px)`,
    width: `calc(${100 / lanes}% - 4px)`,
    '--type-color': session.typeColor,
  } as CSSProperties;
  const people = attendeeText(t, session);
  return (
    <li className={classes.item} style={style}>
      <Link
        to={`/sessions/${session.id}`}
        className={classes.block}
        data-status={session.status}
        data-short={height < 34 || undefined}
        title={`${format.timeRange(session.scheduledAt, session.durationMinutes)} · ${session.typeName} · ${people}${session.staffName ? ` · ${session.staffName}` : ''}`}
      >
        <span className={classes.line}>
          <span className={classes.time}>
            {compact ? format.time(session.scheduledAt) : format.timeRange(session.scheduledAt, session.durationMinutes)}
          </span>{' '}
          <span className={classes.type}>
            <bdi>{session.typeName}</bdi>
            {session.status !== 'scheduled' && <> · {t(`sessions.status.${session.status}`)}</>}
          </span>
        </span>{' '}
        <span className={classes.line}>
          <AttendeeNames session={session} />
        </span>
        {everyone && session.staffName && (
          <>
            {' '}
            <span className={cx(classes.line, classes.staff)}>
              <bdi>{session.staffName}</bdi>
            </span>
          </>
        )}
      </Link>
    </li>
  );
}

/** A time grid for a day or a week: sessions as blocks in their type's colour, for one staff member or the whole clinic. */
export function Agenda() {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const format = useSessionFormat();
  const { number } = useFormat();
  const me = useSession((state) => state.user);
  const { data: staff } = useStaffDirectory();
  const { data: clinics } = useClinics();
  const { view, anchor, staff: staffChoice, clinicId, set } = useAgendaState();
  const now = useNow();

  // The grid fills the window below the controls and scrolls inside, under its sticky day headers.
  const frame = useRef<HTMLDivElement>(null);
  const { height: viewport } = useViewportSize();
  const [height, setHeight] = useState<number>();
  useLayoutEffect(() => {
    if (!frame.current) return;
    const top = frame.current.getBoundingClientRect().top + window.scrollY;
    setHeight(Math.max(360, (viewport || window.innerHeight) - top - 24));
  }, [viewport]);

  const staffId = staffChoice === 'all' ? null : (staffChoice ?? me?.id ?? null);
  const everyone = staffId === null;
  const first = view === 'week' ? startOfWeek(new Date(anchor), firstDayOfWeek(format.locale)) : startOfDay(new Date(anchor));
  const days = Array.from({ length: view === 'week' ? 7 : 1 }, (_, i) => addDays(first, i));
  const until = addDays(first, days.length);
  const { data, error, loading } = useLiveQuery(
    () => api.sessions.agenda.query({ from: first.toISOString(), to: until.toISOString(), staffId, clinicId }),
    ['sessions', 'session_attendees', 'beneficiaries', 'session_types', 'users'],
    [first.getTime(), until.getTime(), staffId, clinicId],
  );
  const sessions = data?.sessions ?? [];
  // A busy clinic's day holds more than a grid can show: the core says which days it cut short.
  const more = data?.more ?? [];
  // The grid shows the working day, stretched to fit anything earlier or later.
  let firstHour = DAY_START;
  let lastHour = DAY_END;
  for (const session of sessions) {
    const start = new Date(session.scheduledAt);
    const day = startOfDay(start);
    firstHour = Math.min(firstHour, Math.floor(minutesInto(day, start) / 60));
    lastHour = Math.max(lastHour, Math.min(24, Math.ceil((minutesInto(day, start) + session.durationMinutes) / 60)));
  }
  const hours = Array.from({ length: lastHour - firstHour }, (_, i) => firstHour + i);
  const today = localDate(now);

  const step = view === 'week' ? 7 : 1;
  const move = (days: number) => set({ anchor: addDays(new Date(anchor), days).getTime() });
  const title = view === 'week' ? format.dayRange(days[0]!, days.at(-1)!) : format.longDay(first);
  const mirrored = dir === 'rtl' ? { transform: 'scaleX(-1)' } : undefined;
  const forward = dir === 'rtl' ? undefined : { transform: 'scaleX(-1)' };

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="xs" wrap="nowrap">
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={view === 'week' ? t('sessions.agenda.previousWeek') : t('sessions.agenda.previousDay')}
            onClick={() => move(-step)}
          >
            <IconArrowBack size={18} style={mirrored} />
          </ActionIcon>
          <Button variant="default" onClick={() => set({ anchor: Date.now() })}>
            {t('sessions.agenda.today')}
          </Button>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={view === 'week' ? t('sessions.agenda.nextWeek') : t('sessions.agenda.nextDay')}
            onClick={() => move(step)}
          >
            <IconArrowBack size={18} style={forward} />
          </ActionIcon>
          <Title order={2} size="h4" fw={600} aria-live="polite" ms="xs">
            {title}
          </Title>
          {loading && data && <Loader size={14} aria-hidden />}
          <Text size="sm" c="dimmed" role="status">
            {data && sessions.length === 0 ? (view === 'week' ? t('sessions.agenda.emptyWeek') : t('sessions.agenda.emptyDay')) : ''}
          </Text>
        </Group>
        <Group gap="sm" wrap="wrap" align="flex-end">
          <Select
            aria-label={t('sessions.agenda.staff')}
            data={[
              { value: 'all', label: t('sessions.agenda.everyone') },
              ...(staff ?? []).map((person) => ({
                value: person.id,
                label: person.id === me?.id ? t('sessions.form.staffMe', { name: person.name }) : person.name,
              })),
            ]}
            value={staffId ?? 'all'}
            onChange={(value) => set({ staff: value ?? 'all' })}
            allowDeselect={false}
            searchable
            w={220}
          />
          {clinics && clinics.length > 1 && (
            <Select
              aria-label={t('sessions.filters.clinic')}
              placeholder={t('sessions.filters.anyClinic')}
              data={clinics.map((clinic) => ({ value: clinic.id, label: `${clinic.name} (${clinic.code})` }))}
              value={clinicId}
              onChange={(value) => set({ clinicId: value })}
              clearable
              w={200}
            />
          )}
          <SegmentedControl
            aria-label={t('sessions.agenda.viewLabel')}
            value={view}
            onChange={(value) => set({ view: value as View })}
            data={[
              { value: 'day', label: t('sessions.agenda.day') },
              { value: 'week', label: t('sessions.agenda.week') },
            ]}
          />
        </Group>
      </Group>
      {error && <ErrorAlert error={error} />}
      {more.some(Boolean) && (
        <Alert color="blue" p="xs">
          <Group gap="xs" justify="space-between">
            <Text size="sm">{t('sessions.agenda.busy', { limit: number(AGENDA_PER_DAY) })}</Text>
            <Anchor component={Link} to="/sessions" size="sm">
              {t('sessions.views.list')}
            </Anchor>
          </Group>
        </Alert>
      )}
      <div
        ref={frame}
        className={classes.frame}
        role="region"
        aria-label={t('sessions.agenda.label', { range: title })}
        style={{ maxHeight: height }}
        tabIndex={0}
      >
        <div className={classes.grid} style={{ gridTemplateColumns: `56px repeat(${days.length}, minmax(0, 1fr))` }}>
          <div className={classes.corner} aria-hidden />
          {days.map((day, i) => (
            <div key={day.getTime()} className={classes.dayHeader} data-today={localDate(day) === today || undefined} aria-hidden>
              {view === 'week' ? format.weekdayDay(day) : format.longDay(day)}
              {more[i] && <span className={classes.more}>{t('sessions.agenda.more')}</span>}
            </div>
          ))}
          <div className={classes.hours} aria-hidden style={{ height: hours.length * HOUR }}>
            {hours.map((hour) => (
              <div key={hour} className={classes.hour} style={{ top: (hour - firstHour) * HOUR }}>
                {format.hour(new Date(2000, 0, 1, hour))}
              </div>
            ))}
          </div>
          {days.map((day, i) => {
            const next = addDays(day, 1);
            const mine = sessions.filter((s) => {
              const start = Date.parse(s.scheduledAt);
              return start < next.getTime() && start + s.durationMinutes * 60_000 > day.getTime();
            });
            const placed = placeInLanes(
              mine,
              (s) => Date.parse(s.scheduledAt),
              (s) => Date.parse(s.scheduledAt) + s.durationMinutes * 60_000,
            );
            const isToday = localDate(day) === today;
            const nowTop = ((minutesInto(day, now) - firstHour * 60) / 60) * HOUR;
            return (
              <ul
                key={day.getTime()}
                className={classes.day}
                data-today={isToday || undefined}
                aria-label={more[i] ? `${format.longDay(day)}, ${t('sessions.agenda.more')}` : format.longDay(day)}
                style={{ height: hours.length * HOUR, backgroundSize: `100% ${HOUR}px` }}
              >
                {isToday && nowTop >= 0 && nowTop <= hours.length * HOUR && (
                  <li className={classes.now} style={{ top: nowTop }} aria-hidden />
                )}
                {placed.map(({ item, lane, lanes }) => (
                  <Block
                    key={item.id}
                    session={item}
                    day={day}
                    firstHour={firstHour}
                    lane={lane}
                    lanes={lanes}
                    everyone={everyone}
                    compact={view === 'week'}
                  />
                ))}
              </ul>
            );
          })}
        </div>
      </div>
    </Stack>
  );
}
