// rows 101..130, every third of them labelled with a value no earlier row has
evaluate(new File(itFixtures, 'postgres.groovy')).labelledEvents(basedir, 101, 130,
        [label: "CASE WHEN i % 3 = 0 THEN 'chargeback' WHEN (i * 37) % 500 > 350 THEN 'fraud' ELSE 'legit' END"])
return null
