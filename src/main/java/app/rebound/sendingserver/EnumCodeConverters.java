package app.rebound.sendingserver;

import app.rebound.infra.LowerCaseEnumConverter;
import jakarta.persistence.Converter;

/** Stores the enums of this feature as their lower-case codes, matching the SQL check constraints. */
final class EnumCodeConverters {
    private EnumCodeConverters() {
    }

    @Converter(autoApply = true)
    public static class RetryPolicyConverter extends LowerCaseEnumConverter<RetryPolicy> {
        public RetryPolicyConverter() {
            super(RetryPolicy.class);
        }
    }

    @Converter(autoApply = true)
    public static class TlsModeConverter extends LowerCaseEnumConverter<TlsMode> {
        public TlsModeConverter() {
            super(TlsMode.class);
        }
    }
}
