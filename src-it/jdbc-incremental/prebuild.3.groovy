// rows 251..280 after build 2: 251..265 carry row 250's labelled_at (the last watermark), so only the tie-breaker
// (id) tells them from the rows already extracted
evaluate(new File(itFixtures, 'postgres.groovy')).labelledEvents(basedir, 251, 280, [labelled_at:
        "timestamptz '2026-01-01 00:00:00+00' + (CASE WHEN i <= 265 THEN 250 ELSE i END) * interval '1 minute'"])
return null
