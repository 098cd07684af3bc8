import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintColumn, PrintDocument, PrintScope, PrintTable } from '../../common/exports';
import { translateMessage } from '../i18n';
import { useFormat } from '../i18n/format';
import { PrintChart } from './PrintChart';

type Cell = string | number | boolean | null;

function useCell() {
  const { t } = useTranslation();
  const format = useFormat();
  return (column: PrintColumn, value: Cell): string => {
    if (value === null || value === '') return '—';
    if (column.values) return t(`${column.values}.${String(value)}`);
    if (column.kind === 'number' && typeof value === 'number') return format.number(value);
    if (column.kind === 'date' && typeof value === 'string') return format.date(value);
    if (column.kind === 'dateTime' && typeof value === 'string') return format.dateTime(value);
    return String(value);
  };
}

function ScopeLine({ line }: { line: PrintScope }) {
  const { t } = useTranslation();
  const format = useFormat();
  let value = line.value ?? '';
  if (line.values) value = t(`${line.values}.${line.value}`);
  if (line.period) {
    const [from, to] = line.period.map((day) => (day ? format.date(day) : null));
    value =
      from && to
        ? `${from} – ${to}`
        : from
          ? t('exports.print.since', { date: from })
          : to
            ? t('exports.print.until', { date: to })
            : t('exports.print.allTime');
  }
  return (
    <div>
      <dt>{t(line.label)}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Table({ table }: { table: PrintTable }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cell = useCell();
  const numeric = (column: PrintColumn) => (column.kind === 'number' ? 'numeric' : undefined);
  return (
    <section className="table-block">
      <table>
        <caption>{t(table.caption)}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column.label} scope="col" className={numeric(column)}>
                {t(column.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 && (
            <tr>
              <td colSpan={table.columns.length} className="empty">
                {t('exports.print.noRows')}
              </td>
            </tr>
          )}
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((value, j) => (
                <td key={j} className={numeric(table.columns[j]!)}>
                  {cell(table.columns[j]!, value)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {table.footer && (
          <tfoot>
            <tr>
              {table.footer.map((value, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {translateMessage(String(value))}
                  </th>
                ) : (
                  <td key={j} className={numeric(table.columns[j]!)}>
                    {value === null ? '' : cell(table.columns[j]!, value)}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
      {table.total > table.rows.length && (
        <p className="note">
          {t('exports.print.truncated', { shown: format.number(table.rows.length), total: format.number(table.total) })}
        </p>
      )}
    </section>
  );
}

function Figures({ document }: { document: PrintDocument }) {
  const { t } = useTranslation();
  const format = useFormat();
  const show = (value: number | null | undefined, percent?: boolean) =>
    value == null ? '—' : percent ? `${format.number(Math.round(value * 1000) / 10)} %` : format.number(value);
  return (
    <section className="figures" aria-label={t('exports.print.figures')}>
      {document.figures.map((figure) => (
        <div key={figure.label} className="figure">
          <div className="figure-label">{t(figure.label)}</div>
          <div className="figure-value">{show(figure.value, figure.percent)}</div>
          {figure.previous !== undefined && (
            <div className="figure-previous">{t('exports.print.previous', { value: show(figure.previous, figure.percent) })}</div>
          )}
        </div>
      ))}
    </section>
  );
}

/** One report, laid out for A4 paper: the page, not the screen, decides the look. */
export function PrintReport({ document, onRendered }: { document: PrintDocument; onRendered(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cell = useCell();
  useEffect(onRendered, [onRendered]);
  const { header } = document;
  return (
    <article className="report" dir={document.direction} lang={document.locale}>
      <header className="masthead">
        <div className="organisation">{header.organisation}</div>
        <h1>{t(document.title)}</h1>
        <dl className="meta">
          <div>
            <dt>{t('exports.scope.clinic')}</dt>
            <dd>{header.clinic ?? t('exports.print.allClinics')}</dd>
          </div>
          {header.scope.map((line) => (
            <ScopeLine key={line.label} line={line} />
          ))}
          <div>
            <dt>{t('exports.print.generated')}</dt>
            <dd>{t('exports.print.generatedBy', { date: format.dateTime(header.generatedAt), name: header.generatedBy })}</dd>
          </div>
        </dl>
        {header.incomplete && <p className="notice">{t(`exports.print.incomplete.${header.incomplete}`)}</p>}
      </header>
      {document.figures.length > 0 && <Figures document={document} />}
      {document.details.length > 0 && (
        <dl className="details">
          {document.details.map((detail) => (
            <div key={detail.label}>
              <dt>{t(detail.label)}</dt>
              <dd>{cell(detail, detail.value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {document.charts.length > 0 && (
        <section className="charts">
          {document.charts.map((chart) => (
            <PrintChart key={chart.caption} chart={chart} direction={document.direction} />
          ))}
        </section>
      )}
      {document.tables.map((table) => (
        <Table key={table.caption} table={table} />
      ))}
    </article>
  );
}
