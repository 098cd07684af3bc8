import { Route, Routes } from 'react-router';
import { BeneficiaryList } from './BeneficiaryList';
import { EditPage, RegisterPage } from './FormPages';
import { ProfilePage } from './ProfilePage';

/** The registry's pages: the list, registration, a person's profile and its edit form. */
export function BeneficiariesPage() {
  return (
    <Routes>
      <Route index element={<BeneficiaryList />} />
      <Route path="new" element={<RegisterPage />} />
      <Route path=":id" element={<ProfilePage />} />
      <Route path=":id/edit" element={<EditPage />} />
    </Routes>
  );
}
