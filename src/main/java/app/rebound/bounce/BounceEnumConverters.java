package app.rebound.bounce;

import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.infra.LowerCaseEnumConverter;
import jakarta.persistence.Converter;

/**
 * Stores the engine's enums (the one vocabulary for type and fault) as lower-case codes, matching the SQL check
 * constraints ({@code hard}, {@code auto_reply}, {@code receiver_system}, ...).
 */
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
