package io.github.mlmaven.data;

import java.util.List;

/** The kinds of data source the plugin reads, and the one place a new kind is registered. */
public final class DataSources {
    /** Asked in order; files come last, as they accept any names. */
    private static final List<DataSource.Provider> PROVIDERS = List.of(FileDataSource.PROVIDER);

    private DataSources() {}

    /** The source {@code entries} name, opened by the first provider that accepts them. */
    public static DataSource open(DataSource.Context context, List<String> entries, String parameter) {
        for (DataSource.Provider provider : PROVIDERS) {
            if (provider.accepts(entries)) {
                return provider.open(context, entries, parameter);
            }
        }
        throw new IllegalStateException("no data source reads " + entries);
    }
}
