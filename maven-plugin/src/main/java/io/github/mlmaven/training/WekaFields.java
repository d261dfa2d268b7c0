package io.github.mlmaven.training;

import java.lang.reflect.Field;

/**
 * Weka's protected and private fields that the fits set directly. Each caller falls back to Weka's own training when a
 * field cannot be reached (another Weka version).
 */
final class WekaFields {
    private WekaFields() {}

    /** The field {@code name} of {@code owner}, made accessible. */
    static Field of(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
