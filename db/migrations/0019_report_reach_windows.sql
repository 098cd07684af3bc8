-- report_reach by two calendar years (db/schema/reports.ts): a row covers its year and the next, so the 365 days to
-- yesterday, or any period of up to two years, is read from one row per person, without merging the rows of two years.
DROP TRIGGER report_reach_insert;--> statement-breakpoint
DROP TRIGGER report_reach_update;--> statement-breakpoint
CREATE TABLE `report_reach_windows` (
	`clinic_id` text NOT NULL,
	`type_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`year` integer NOT NULL,
	`beneficiary_id` text NOT NULL,
	`months` integer DEFAULT 0 NOT NULL,
	`m1` integer DEFAULT 0 NOT NULL,
	`m2` integer DEFAULT 0 NOT NULL,
	`m3` integer DEFAULT 0 NOT NULL,
	`m4` integer DEFAULT 0 NOT NULL,
	`m5` integer DEFAULT 0 NOT NULL,
	`m6` integer DEFAULT 0 NOT NULL,
	`m7` integer DEFAULT 0 NOT NULL,
	`m8` integer DEFAULT 0 NOT NULL,
	`m9` integer DEFAULT 0 NOT NULL,
	`m10` integer DEFAULT 0 NOT NULL,
	`m11` integer DEFAULT 0 NOT NULL,
	`m12` integer DEFAULT 0 NOT NULL,
	`m13` integer DEFAULT 0 NOT NULL,
	`m14` integer DEFAULT 0 NOT NULL,
	`m15` integer DEFAULT 0 NOT NULL,
	`m16` integer DEFAULT 0 NOT NULL,
	`m17` integer DEFAULT 0 NOT NULL,
	`m18` integer DEFAULT 0 NOT NULL,
	`m19` integer DEFAULT 0 NOT NULL,
	`m20` integer DEFAULT 0 NOT NULL,
	`m21` integer DEFAULT 0 NOT NULL,
	`m22` integer DEFAULT 0 NOT NULL,
	`m23` integer DEFAULT 0 NOT NULL,
	`m24` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`clinic_id`, `type_id`, `staff_id`, `year`, `beneficiary_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- A person's row of a year and of the next, joined (months 1-12, then 13-24), and the next year's alone where the year has
-- none: the days are already grouped by person and year, so this is quicker than starting again from report_served.
INSERT INTO `report_reach_windows` (clinic_id, type_id, staff_id, year, beneficiary_id, months, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24)
SELECT * FROM (
  SELECT r.clinic_id, r.type_id, r.staff_id, r.year, r.beneficiary_id, ((r.m1 != 0) << 0) | ((r.m2 != 0) << 1) | ((r.m3 != 0) << 2) | ((r.m4 != 0) << 3) | ((r.m5 != 0) << 4) | ((r.m6 != 0) << 5) | ((r.m7 != 0) << 6) | ((r.m8 != 0) << 7) | ((r.m9 != 0) << 8) | ((r.m10 != 0) << 9) | ((r.m11 != 0) << 10) | ((r.m12 != 0) << 11) | coalesce(((n.m1 != 0) << 12) | ((n.m2 != 0) << 13) | ((n.m3 != 0) << 14) | ((n.m4 != 0) << 15) | ((n.m5 != 0) << 16) | ((n.m6 != 0) << 17) | ((n.m7 != 0) << 18) | ((n.m8 != 0) << 19) | ((n.m9 != 0) << 20) | ((n.m10 != 0) << 21) | ((n.m11 != 0) << 22) | ((n.m12 != 0) << 23), 0) AS months,
    r.m1, r.m2, r.m3, r.m4, r.m5, r.m6, r.m7, r.m8, r.m9, r.m10, r.m11, r.m12, coalesce(n.m1, 0), coalesce(n.m2, 0), coalesce(n.m3, 0), coalesce(n.m4, 0), coalesce(n.m5, 0), coalesce(n.m6, 0), coalesce(n.m7, 0), coalesce(n.m8, 0), coalesce(n.m9, 0), coalesce(n.m10, 0), coalesce(n.m11, 0), coalesce(n.m12, 0)
  FROM report_reach r LEFT JOIN report_reach n ON n.clinic_id = r.clinic_id AND n.type_id = r.type_id AND n.staff_id = r.staff_id AND n.beneficiary_id = r.beneficiary_id AND n.year = r.year + 1
  UNION ALL
  SELECT n.clinic_id, n.type_id, n.staff_id, n.year - 1, n.beneficiary_id, ((n.m1 != 0) << 12) | ((n.m2 != 0) << 13) | ((n.m3 != 0) << 14) | ((n.m4 != 0) << 15) | ((n.m5 != 0) << 16) | ((n.m6 != 0) << 17) | ((n.m7 != 0) << 18) | ((n.m8 != 0) << 19) | ((n.m9 != 0) << 20) | ((n.m10 != 0) << 21) | ((n.m11 != 0) << 22) | ((n.m12 != 0) << 23), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, n.m1, n.m2, n.m3, n.m4, n.m5, n.m6, n.m7, n.m8, n.m9, n.m10, n.m11, n.m12
  FROM report_reach n WHERE NOT EXISTS (SELECT 1 FROM report_reach r WHERE n.clinic_id = r.clinic_id AND n.type_id = r.type_id AND n.staff_id = r.staff_id AND n.beneficiary_id = r.beneficiary_id AND r.year = n.year - 1)
)
WHERE months != 0;
--> statement-breakpoint
DROP TABLE `report_reach`;--> statement-breakpoint
ALTER TABLE `report_reach_windows` RENAME TO `report_reach`;--> statement-breakpoint
-- A day's bit is set in the row of its year (months 1-12) and of the year before (months 13-24). report_served rows are
-- never deleted (a row at zero stays): a day's bit follows its rows crossing zero, and `months` follows the month's bits.
-- One insert trigger per month names its two columns: one trigger over all 24 columns cost twice as much.
CREATE TRIGGER report_reach_insert_01
AFTER INSERT ON report_served
WHEN NEW.n > 0 AND substr(NEW.day, 6, 2) = '01'
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m1)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id, 1, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 1, m1 = m1 | excluded.m1;
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m13)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - 1, NEW.beneficiary_id, 4096, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 4096, m13 = m13 | excluded.m13;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_insert_02
AFTER INSERT ON report_served
WHEN NEW.n > 0 AND substr(NEW.day, 6, 2) = '02'
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m2)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id, 2, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 2, m2 = m2 | excluded.m2;
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m14)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - 1, NEW.beneficiary_id, 8192, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 8192, m14 = m14 | excluded.m14;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_insert_03
AFTER INSERT ON report_served
WHEN NEW.n > 0 AND substr(NEW.day, 6, 2) = '03'
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m3)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id, 4, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 4, m3 = m3 | excluded.m3;
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m15)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - 1, NEW.beneficiary_id, 16384, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 16384, m15 = m15 | excluded.m15;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_insert_04
AFTER INSERT ON report_served
WHEN NEW.n > 0 AND substr(NEW.day, 6, 2) = '04'
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m4)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id, 8, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 8, m4 = m4 | excluded.m4;
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m16)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - 1, NEW.beneficiary_id, 32768, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 32768, m16 = m16 | excluded.m16;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_insert_05
AFTER INSERT ON report_served
WHEN NEW.n > 0 AND substr(NEW.day, 6, 2) = '05'
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m5)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id, 16, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 16, m5 = m5 | excluded.m5;
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m17)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - 1, NEW.beneficiary_id, 65536, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 65536, m17 = m17 | excluded.m17;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_insert_06
AFTER INSERT ON report_served
WHEN NEW.n > 0 AND substr(NEW.day, 6, 2) = '06'
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m6)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id, 32, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 32, m6 = m6 | excluded.m6;
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m18)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - 1, NEW.beneficiary_id, 131072, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 131072, m18 = m18 | excluded.m18;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_insert_07
AFTER INSERT ON report_served
WHEN NEW.n > 0 AND substr(NEW.day, 6, 2) = '07'
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m7)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id, 64, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 64, m7 = m7 | excluded.m7;
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m19)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - 1, NEW.beneficiary_id, 262144, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 262144, m19 = m19 | excluded.m19;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_insert_08
AFTER INSERT ON report_served
WHEN NEW.n > 0 AND substr(NEW.day, 6, 2) = '08'
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m8)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id, 128, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 128, m8 = m8 | excluded.m8;
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m20)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - 1, NEW.beneficiary_id, 524288, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 524288, m20 = m20 | excluded.m20;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_insert_09
AFTER INSERT ON report_served
WHEN NEW.n > 0 AND substr(NEW.day, 6, 2) = '09'
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m9)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id, 256, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 256, m9 = m9 | excluded.m9;
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m21)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - 1, NEW.beneficiary_id, 1048576, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 1048576, m21 = m21 | excluded.m21;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_insert_10
AFTER INSERT ON report_served
WHEN NEW.n > 0 AND substr(NEW.day, 6, 2) = '10'
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m10)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id, 512, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 512, m10 = m10 | excluded.m10;
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m22)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - 1, NEW.beneficiary_id, 2097152, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 2097152, m22 = m22 | excluded.m22;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_insert_11
AFTER INSERT ON report_served
WHEN NEW.n > 0 AND substr(NEW.day, 6, 2) = '11'
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m11)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id, 1024, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 1024, m11 = m11 | excluded.m11;
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m23)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - 1, NEW.beneficiary_id, 4194304, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 4194304, m23 = m23 | excluded.m23;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_insert_12
AFTER INSERT ON report_served
WHEN NEW.n > 0 AND substr(NEW.day, 6, 2) = '12'
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m12)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id, 2048, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 2048, m12 = m12 | excluded.m12;
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m24)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - 1, NEW.beneficiary_id, 8388608, (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET months = months | 8388608, m24 = m24 | excluded.m24;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_update
AFTER UPDATE OF n ON report_served
WHEN (OLD.n > 0) <> (NEW.n > 0)
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, months, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24)
  SELECT NEW.clinic_id, x.type_id, x.staff_id, x.year, NEW.beneficiary_id,
    CASE WHEN x.bit != 0 THEN 1 << (x.j - 1) ELSE 0 END,
    CASE WHEN x.j = 1 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 2 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 3 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 4 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 5 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 6 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 7 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 8 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 9 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 10 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 11 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 12 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 13 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 14 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 15 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 16 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 17 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 18 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 19 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 20 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 21 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 22 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 23 THEN x.bit ELSE 0 END,
    CASE WHEN x.j = 24 THEN x.bit ELSE 0 END
  FROM (
    SELECT l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER) - w.back AS year, CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * w.back AS j, CASE WHEN NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.beneficiary_id = NEW.beneficiary_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id)) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END AS bit
    FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l,
      (SELECT 0 AS back UNION ALL SELECT 1) w
  ) x
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET
    months = CASE WHEN excluded.months != 0 OR (CASE (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) WHEN 1 THEN m1 WHEN 2 THEN m2 WHEN 3 THEN m3 WHEN 4 THEN m4 WHEN 5 THEN m5 WHEN 6 THEN m6 WHEN 7 THEN m7 WHEN 8 THEN m8 WHEN 9 THEN m9 WHEN 10 THEN m10 WHEN 11 THEN m11 WHEN 12 THEN m12 WHEN 13 THEN m13 WHEN 14 THEN m14 WHEN 15 THEN m15 WHEN 16 THEN m16 WHEN 17 THEN m17 WHEN 18 THEN m18 WHEN 19 THEN m19 WHEN 20 THEN m20 WHEN 21 THEN m21 WHEN 22 THEN m22 WHEN 23 THEN m23 WHEN 24 THEN m24 END) & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) != 0 THEN months | (1 << ((CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) - 1)) ELSE months & ~(1 << ((CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) - 1)) END,
    m1 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 1 THEN (m1 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m1 ELSE m1 END,
    m2 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 2 THEN (m2 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m2 ELSE m2 END,
    m3 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 3 THEN (m3 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m3 ELSE m3 END,
    m4 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 4 THEN (m4 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m4 ELSE m4 END,
    m5 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 5 THEN (m5 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m5 ELSE m5 END,
    m6 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 6 THEN (m6 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m6 ELSE m6 END,
    m7 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 7 THEN (m7 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m7 ELSE m7 END,
    m8 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 8 THEN (m8 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m8 ELSE m8 END,
    m9 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 9 THEN (m9 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m9 ELSE m9 END,
    m10 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 10 THEN (m10 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m10 ELSE m10 END,
    m11 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 11 THEN (m11 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m11 ELSE m11 END,
    m12 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 12 THEN (m12 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m12 ELSE m12 END,
    m13 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 13 THEN (m13 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m13 ELSE m13 END,
    m14 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 14 THEN (m14 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m14 ELSE m14 END,
    m15 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 15 THEN (m15 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m15 ELSE m15 END,
    m16 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 16 THEN (m16 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m16 ELSE m16 END,
    m17 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 17 THEN (m17 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m17 ELSE m17 END,
    m18 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 18 THEN (m18 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m18 ELSE m18 END,
    m19 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 19 THEN (m19 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m19 ELSE m19 END,
    m20 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 20 THEN (m20 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m20 ELSE m20 END,
    m21 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 21 THEN (m21 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m21 ELSE m21 END,
    m22 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 22 THEN (m22 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m22 ELSE m22 END,
    m23 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 23 THEN (m23 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m23 ELSE m23 END,
    m24 = CASE WHEN (CAST(substr(NEW.day, 6, 2) AS INTEGER) + 12 * (CAST(substr(NEW.day, 1, 4) AS INTEGER) - year)) = 24 THEN (m24 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m24 ELSE m24 END;
END;
