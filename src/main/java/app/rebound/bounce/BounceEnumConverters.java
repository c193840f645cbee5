package app.rebound.bounce;

import app.rebound.infra.LowerCaseEnumConverter;
import jakarta.persistence.Converter;

/** Stores this feature's enums as lower-case codes, matching the SQL check constraints. */
final class BounceEnumConverters {
    private BounceEnumConverters() {
    }

    @Converter(autoApply = true)
    public static class TypeConverter extends LowerCaseEnumConverter<BounceType> {
        public TypeConverter() {
            super(BounceType.class);
        }
    }

    @Converter(autoApply = true)
    public static class FaultConverter extends LowerCaseEnumConverter<Fault> {
        public FaultConverter() {
            super(Fault.class);
        }
    }
}
