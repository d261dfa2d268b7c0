// a fresh database jdbc_connection_drops with labelled_events rows 1..300, and it_reachable(id), which ends the
// connection that evaluates it (pg_terminate_backend of its own backend, as a server restart or a network cut would)
// at an id listed in it_faults (fixtures/postgres.groovy)
def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
pg.init(basedir, itPostgresDirectory)
pg.labelledEvents(basedir, 1, 300)
pg.sql(basedir, '''
    CREATE TABLE it_faults (drop_at bigint);
    CREATE FUNCTION it_reachable(row_id bigint) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM it_faults WHERE drop_at = row_id) THEN
            PERFORM pg_terminate_backend(pg_backend_pid());
        END IF;
        RETURN true;
    END $$;
''')
return null
