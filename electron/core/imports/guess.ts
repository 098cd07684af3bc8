import { fieldsOf, type ImportField, type ImportKind, type Mapping } from '../../../common/imports';
import { fold } from '../beneficiaries/fold';

/** Header words per field, in English, French and Arabic, as `normal()` leaves them. */
const synonyms: Record<ImportField, string[]> = {
  givenName: [
    'first name',
    'given name',
    'firstname',
    'forename',
    'given names',
    'first',
    'prenom',
    'prenoms',
    'الاسم',
    'الاسم الاول',
    'الاسم الشخصي',
    'اسم',
  ],
  familyName: [
    'last name',
    'family name',
    'surname',
    'lastname',
    'last',
    'nom',
    'nom de famille',
    'اسم العائله',
    'العائله',
    'اللقب',
    'الكنيه',
    'الشهره',
  ],
  otherNames: [
    'middle name',
    'middle names',
    'other names',
    'other name',
    'autres prenoms',
    'deuxieme prenom',
    'nom du pere',
    'اسم الاب',
    'الاسم الاوسط',
  ],
  sex: ['sex', 'gender', 'sexe', 'genre', 'الجنس', 'النوع'],
  birthDate: [
    'date of birth',
    'birth date',
    'birthdate',
    'dob',
    'born',
    'date de naissance',
    'ne le',
    'nee le',
    'naissance',
    'تاريخ الميلاد',
    'تاريخ الولاده',
    'الميلاد',
  ],
  estimatedAge: ['age', 'age years', 'estimated age', 'age estime', 'العمر', 'السن'],
  nationalId: [
    'national id',
    'national id number',
    'id number',
    'nin',
    'national identity number',
    'identity number',
    'cin',
    'numero d identite',
    'numero national',
    'piece d identite',
    'carte d identite',
    'n cin',
    'رقم الهويه',
    'الرقم الوطني',
    'رقم البطاقه',
    'الهويه',
  ],
  phone: [
    'phone',
    'phone number',
    'telephone',
    'mobile',
    'tel',
    'cell',
    'portable',
    'numero de telephone',
    'الهاتف',
    'رقم الهاتف',
    'الجوال',
    'الموبايل',
  ],
  address: ['address', 'home address', 'adresse', 'domicile', 'العنوان', 'السكن'],
  preferredLanguage: ['language', 'preferred language', 'langue', 'langue preferee', 'اللغه', 'اللغه المفضله'],
  consent: ['consent', 'consent given', 'consentement', 'الموافقه'],
  consentDate: ['consent date', 'date of consent', 'date du consentement', 'date de consentement', 'تاريخ الموافقه'],
  tags: ['tags', 'labels', 'etiquettes', 'mots cles', 'الوسوم'],
  notes: ['notes', 'note', 'remarks', 'comments', 'comment', 'remarques', 'commentaires', 'observations', 'ملاحظات', 'تعليقات'],
  code: ['code', 'beneficiary code', 'outpost code', 'code beneficiaire', 'رمز المستفيد', 'الرمز'],
  date: [
    'date',
    'session date',
    'visit date',
    'date de la seance',
    'date de seance',
    'date de visite',
    'تاريخ الجلسه',
    'التاريخ',
    'تاريخ الزياره',
  ],
  time: ['time', 'start time', 'heure', 'heure de debut', 'الوقت', 'الساعه'],
  type: ['type', 'session type', 'service', 'activity', 'type de seance', 'activite', 'نوع الجلسه', 'الخدمه', 'النشاط'],
  staff: [
    'staff',
    'staff member',
    'counsellor',
    'counselor',
    'provider',
    'email',
    'personnel',
    'intervenant',
    'conseiller',
    'الموظف',
    'المرشد',
  ],
  durationMinutes: ['duration', 'duration minutes', 'minutes', 'duree', 'duree minutes', 'المده', 'المده بالدقائق'],
  attendance: ['attendance', 'attended', 'present', 'presence', 'الحضور'],
  outcome: ['outcome', 'result', 'resultat', 'issue', 'النتيجه'],
  location: ['location', 'place', 'venue', 'lieu', 'المكان'],
};

/** Lower case, no accents or Arabic variants (fold), punctuation as spaces. */
export function normal(header: string): string {
  return fold(header)
    .replace(/[أإآ]/g, 'ا')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Each field takes the first header that names it exactly; a header serves one field. */
export function guessMapping(headers: string[], kind: ImportKind): Mapping {
  const mapping: Mapping = {};
  const taken = new Set<number>();
  const normalHeaders = headers.map(normal);
  for (const field of fieldsOf(kind)) {
    const words = new Set(synonyms[field].map(normal));
    const column = normalHeaders.findIndex((header, i) => !taken.has(i) && words.has(header));
    if (column >= 0) {
      mapping[field] = column;
      taken.add(column);
    }
  }
  return mapping;
}

/** Sessions sheets name a date and a session type; anything else is taken for people. */
export function likelyKind(headers: string[]): ImportKind {
  const sessions = guessMapping(headers, 'sessions');
  const people = guessMapping(headers, 'beneficiaries');
  return sessions.type !== undefined && sessions.date !== undefined && people.givenName === undefined ? 'sessions' : 'beneficiaries';
}
