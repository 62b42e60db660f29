-- A scheduled assessment recorded as not done (event assessment.not-done.v1) keeps the site's
-- reason on its schedule row; it is then neither due nor overdue. A value recorded later wins.
ALTER TABLE journey_schedule ADD COLUMN not_done_reason text;
