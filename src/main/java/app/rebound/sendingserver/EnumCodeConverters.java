package app.rebound.sendingserver;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Stores the enums of this feature as their lower-case codes, matching the SQL check constraints. */
final class EnumCodeConverters {
    private EnumCodeConverters() {
    }

    @Converter(autoApply = true)
    public static class RetryPolicyConverter implements AttributeConverter<RetryPolicy, String> {
        @Override
        public String convertToDatabaseColumn(RetryPolicy p) {
            return p == null ? null : p.code();
        }

        @Override
        public RetryPolicy convertToEntityAttribute(String s) {
            return s == null ? null : RetryPolicy.fromCode(s);
        }
    }

    @Converter(autoApply = true)
    public static class TlsModeConverter implements AttributeConverter<TlsMode, String> {
        @Override
        public String convertToDatabaseColumn(TlsMode m) {
            return m == null ? null : m.code();
        }

        @Override
        public TlsMode convertToEntityAttribute(String s) {
            return s == null ? null : TlsMode.valueOf(s.toUpperCase(Locale.ROOT));
        }
    }
}
