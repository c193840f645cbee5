package app.rebound.subscriber;

import app.rebound.infra.LowerCaseEnumConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class SubscriberStatusConverter extends LowerCaseEnumConverter<SubscriberStatus> {
    public SubscriberStatusConverter() {
        super(SubscriberStatus.class);
    }
}
