package app.rebound.bounce;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores this feature's enums as lower-case codes, matching the SQL check constraints. */
final class BounceEnumConverters {
    private BounceEnumConverters() {
    }

    @Converter(autoApply = true)
    public static class TypeConverter implements AttributeConverter<BounceType, String> {
        @Override
        public String convertToDatabaseColumn(BounceType t) {
            return t == null ? null : t.code();
        }

        @Override
        public BounceType convertToEntityAttribute(String s) {
            return s == null ? null : BounceType.fromCode(s);
        }
    }

    @Converter(autoApply = true)
    public static class FaultConverter implements AttributeConverter<Fault, String> {
        @Override
        public String convertToDatabaseColumn(Fault f) {
            return f == null ? null : f.code();
        }

        @Override
        public Fault convertToEntityAttribute(String s) {
            return s == null ? null : Fault.fromCode(s);
        }
    }
}
