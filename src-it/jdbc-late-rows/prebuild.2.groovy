// rows 101..120 labelled five minutes ago: inside the 30-minute delay of build 2
evaluate(new File(itFixtures, 'postgres.groovy')).labelledEvents(basedir, 101, 120,
        [labelled_at: "now() - interval '5 minutes' + i * interval '1 millisecond'"])
return null
