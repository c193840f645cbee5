package app.rebound.infra;

import jakarta.persistence.AttributeConverter;
import java.util.Locale;

/**
 * Stores an enum as its lower-case name, the form the SQL check constraints allow ({@code 'hard'}, {@code 'admin'},
 * ...). Each enum gets a one-line {@code @Converter(autoApply = true)} subclass.
 */
public abstract class LowerCaseEnumConverter<E extends Enum<E>> implements AttributeConverter<E, String> {
    private final Class<E> type;

    protected LowerCaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String code) {
        return code == null ? null : Enum.valueOf(type, code.toUpperCase(Locale.ROOT));
    }
}
