import { Route, Routes } from 'react-router';
import { Agenda } from './Agenda';
import { AttendancePage } from './AttendancePage';
import { EditSessionPage, NewSessionPage } from './FormPages';
import { SessionList } from './SessionList';
import { SessionPage } from './SessionPage';
import { SessionsHeader } from './SessionsHeader';

function AgendaPage() {
  return (
    <>
      <SessionsHeader />
      <Agenda />
    </>
  );
}

/** Session tracking's pages: the list, the agenda, scheduling and recording, a session, its attendance and its edit form. */
export function SessionsPage() {
  return (
    <Routes>
      <Route index element={<SessionList />} />
      <Route path="agenda" element={<AgendaPage />} />
      <Route path="new" element={<NewSessionPage />} />
      <Route path=":id" element={<SessionPage />} />
      <Route path=":id/edit" element={<EditSessionPage />} />
      <Route path=":id/attendance" element={<AttendancePage />} />
    </Routes>
  );
}
