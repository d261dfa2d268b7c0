package io.github.mlmaven.data;

import java.util.List;

/** The kinds of data source the plugin reads, and the one place a new kind is registered. */
public final class DataSources {
    /** Asked in order; each accepts its own kind of {@link SourceSpec}. */
    private static final List<DataSource.Provider> PROVIDERS =
            List.of(JdbcDataSource.PROVIDER, FileDataSource.PROVIDER);

    private DataSources() {}

    /** The source {@code spec} names, opened by the first provider that accepts it. */
    public static DataSource open(DataSource.Context context, SourceSpec spec, String parameter) {
        for (DataSource.Provider provider : PROVIDERS) {
            if (provider.accepts(spec)) {
                return provider.open(context, spec, parameter);
            }
        }
        throw new IllegalStateException("no data source reads " + spec);
    }
}
