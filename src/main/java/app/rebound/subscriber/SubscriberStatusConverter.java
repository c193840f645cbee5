package app.rebound.subscriber;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

@Converter(autoApply = true)
public class SubscriberStatusConverter implements AttributeConverter<SubscriberStatus, String> {
    @Override
    public String convertToDatabaseColumn(SubscriberStatus s) {
        return s == null ? null : s.code();
    }

    @Override
    public SubscriberStatus convertToEntityAttribute(String s) {
        return s == null ? null : SubscriberStatus.valueOf(s.toUpperCase(Locale.ROOT));
    }
}
