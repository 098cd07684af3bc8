import type { Page } from '@playwright/test';
import { expect } from './web-host-fixture';

/** The first administrator every spec creates on its fresh installation. */
export const admin = { name: 'Amina Odhiambo', email: 'amina@example.org', password: 'correct horse battery' };

export const shots = (name: string) => `e2e/screenshots/${name}.png`;

export function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Main navigation' });
}

export async function signIn(page: Page, labels = { email: 'Email', password: 'Password', submit: 'Sign in' }) {
  await page.getByLabel(labels.email).fill(admin.email);
  await page.getByRole('textbox', { name: labels.password, exact: true }).fill(admin.password);
  await page.getByRole('button', { name: labels.submit }).click();
}

/** First-run setup through the UI, in English, as a person does it: organisation, clinic, the administrator. */
export async function firstRun(page: Page, url: string, clinic = { name: 'Kisumu Clinic', code: 'KSM' }) {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Set up Outpost' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Organisation' }).fill('Lakeside Health Trust');
  await page.getByLabel('Clinic name').fill(clinic.name);
  await page.getByLabel('Clinic code').fill(clinic.code);
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page.getByRole('banner')).toContainText(clinic.name);
}
